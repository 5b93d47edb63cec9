from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from jaring.accounts.roles import Role


class User(AbstractUser):
    """A person using Jaring, bound to one region (a superuser alone may be national)."""

    role = models.CharField("peran", max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name="wilayah",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.CharField("instansi", max_length=150, blank=True)

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"
        constraints = [
            models.CheckConstraint(
                condition=Q(region__isnull=False) | Q(is_superuser=True), name="user_bound_to_region"
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="user_role_known"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class ApiToken(models.Model):
    """A bearer token for the REST API. Only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("nama", max_length=80)
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "token API"
        verbose_name_plural = "token API"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class LoginFailure(models.Model):
    """A failed login, counted for throttling per (account, address) and per address.

    The typed username is kept only as a keyed digest: a "username" that matches no account is often
    a password typed into the wrong field.
    """

    username_digest = models.CharField(max_length=64)
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["username_digest", "ip", "at"], name="loginfailure_pair"),
            models.Index(fields=["ip", "at"], name="loginfailure_address"),
        ]

    def __str__(self) -> str:
        return f"{self.ip or '-'} {self.at:%Y-%m-%d %H:%M}"
