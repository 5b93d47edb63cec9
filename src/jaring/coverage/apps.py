from django.apps import AppConfig


class CoverageConfig(AppConfig):
    name = "jaring.coverage"
    verbose_name = "Cakupan kepesertaan"
