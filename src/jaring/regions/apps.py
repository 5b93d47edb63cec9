from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "jaring.regions"
    verbose_name = "Wilayah"
