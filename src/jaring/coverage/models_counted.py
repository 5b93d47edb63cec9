"""What the aggregates have already counted of the bills, so that a refresh after a billing run reads only
the new bills' lines (refresh.py): the bills counted, and the memberships that have any iuran line (the
verification funnel's last step, which would otherwise look up every membership among all the lines)."""

from __future__ import annotations

from django.db import models


class CountedBill(models.Model):
    # Bills are made whole in one transaction and their lines never change after: counted once is enough.
    bill_id = models.BigIntegerField(primary_key=True)

    def __str__(self) -> str:
        return str(self.bill_id)


class BilledMember(models.Model):
    membership_id = models.BigIntegerField(primary_key=True)

    def __str__(self) -> str:
        return str(self.membership_id)
