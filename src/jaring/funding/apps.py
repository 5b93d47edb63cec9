from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "jaring.funding"
    verbose_name = "Pendanaan"
