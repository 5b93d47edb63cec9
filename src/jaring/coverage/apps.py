from django.apps import AppConfig


class CoverageConfig(AppConfig):
    name = "jaring.coverage"
    verbose_name = "Cakupan kepesertaan"

    def ready(self) -> None:
        from jaring.coverage.refresh import refresh_soon
        from jaring.jobs.runner import job_done

        job_done.connect(refresh_soon, dispatch_uid="coverage.refresh_soon")
