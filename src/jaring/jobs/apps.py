from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jaring.jobs"
    verbose_name = "Tugas latar"
