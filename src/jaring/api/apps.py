from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "jaring.api"
    verbose_name = "REST API"
