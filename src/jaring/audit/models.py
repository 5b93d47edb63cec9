from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One thing a service did. Append-only: database triggers refuse UPDATE and DELETE."""

    at = models.DateTimeField("waktu", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pelaku",
        null=True,
        blank=True,
        # Users are deactivated, never deleted (accounts.services.user_deactivate): SET_NULL would
        # UPDATE the event, which the append-only trigger refuses deep inside a delete.
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Kept beside the foreign key so the trail reads on its own (exports, a restored backup).
    actor_label = models.CharField("nama pelaku", max_length=150)
    action = models.CharField("tindakan", max_length=60, db_index=True)
    object_type = models.CharField("jenis objek", max_length=60, blank=True)
    object_id = models.CharField("id objek", max_length=64, blank=True)
    # The region the event belongs to, for scoping the trail; "" for national/reference events.
    region_code = models.CharField("kode wilayah", max_length=13, blank=True, db_index=True)
    summary = models.JSONField("ringkasan", default=dict)

    class Meta:
        verbose_name = "peristiwa audit"
        verbose_name_plural = "peristiwa audit"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"
