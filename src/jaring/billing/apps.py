from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "jaring.billing"
    verbose_name = "Tagihan dan pembayaran"

    def ready(self) -> None:
        # Reconciliation's models live in their own module (models.py holds bills and payments).
        from jaring.billing import models_reconcile  # noqa: F401
