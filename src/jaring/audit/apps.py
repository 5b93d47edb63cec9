from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "jaring.audit"
    verbose_name = "Jejak audit"
