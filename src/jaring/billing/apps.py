from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "jaring.billing"
    verbose_name = "Tagihan dan pembayaran"

    def ready(self) -> None:
        # Enrolment's funnel sits below billing: billing tells it how to count billed members.
        from jaring.billing.funnel_billed import billed_members
        from jaring.enrolment.funnel import BILLED_COUNTERS

        if billed_members not in BILLED_COUNTERS:
            BILLED_COUNTERS.append(billed_members)
        # Reconciliation's models live in their own module (models.py holds bills and payments).
        from jaring.billing import models_reconcile  # noqa: F401
