"""Writes for users, API tokens and logins. Each runs in one transaction with an audit event."""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone
from django.utils.crypto import salted_hmac

from jaring.accounts.models import ApiToken, LoginFailure, User
from jaring.accounts.roles import ALLOWED_LEVELS, Role
from jaring.audit.services import audit_record
from jaring.regions.selectors import region_get

log = logging.getLogger(__name__)

TOKEN_PREFIX = "jrg_"  # noqa: S105 - a public marker, not a secret


def _level_name(level: int) -> str:
    return {1: "provinsi", 2: "kabupaten/kota", 3: "kecamatan", 4: "desa/kelurahan"}[level]


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: str,
    region_code: str,
    full_name: str = "",
    organisation: str = "",
    email: str = "",
    actor: User | None = None,
) -> User:
    if role not in Role.values:
        raise ValidationError(f"Peran {role!r} tidak dikenal.")
    region = region_get(region_code)
    allowed = ALLOWED_LEVELS[role]
    if region.level not in allowed:
        levels = ", ".join(_level_name(level) for level in sorted(allowed))
        raise ValidationError(f"Peran {Role(role).label} harus terikat pada wilayah tingkat {levels}.")
    first, _, last = full_name.partition(" ")
    user = User(
        username=username,
        role=role,
        region=region,
        first_name=first,
        last_name=last,
        organisation=organisation,
        email=email,
    )
    # The same validators as a password change (length, common passwords), for the CLI too.
    validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(
        actor=actor,
        action="user.create",
        obj=user,
        region_code=region.code,
        summary={"username": username, "role": role, "region": region.code},
    )
    return user


@transaction.atomic
def user_deactivate(*, user: User, actor: User | None = None) -> User:
    """Users are deactivated, never deleted: the audit trail keeps pointing at them. Their API tokens
    are revoked and their sessions stop working (Django refuses inactive users)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        return user
    now = timezone.now()
    user.is_active = False
    user.save(update_fields=["is_active"])
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
    audit_record(
        actor=actor,
        action="user.deactivate",
        obj=user,
        region_code=user.region_id or "",
        summary={"username": user.username, "tokens_revoked": revoked},
    )
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    plaintext: str


@transaction.atomic
def api_token_create(*, user: User, name: str) -> IssuedToken:
    """Issues a token; the plaintext is returned once and never stored."""
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=plaintext[:12], digest=_digest(plaintext), created_at=timezone.now()
    )
    audit_record(
        actor=user,
        action="api_token.create",
        obj=token,
        region_code=user.region_id or "",
        summary={"name": name, "prefix": token.prefix},
    )
    return IssuedToken(token=token, plaintext=plaintext)


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> None:
    token = ApiToken.objects.select_for_update().get(pk=token_id, user=user, revoked_at__isnull=True)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=user,
        action="api_token.revoke",
        obj=token,
        region_code=user.region_id or "",
        summary={"prefix": token.prefix},
    )


def api_token_authenticate(plaintext: str) -> User | None:
    """The active user behind a bearer token, or None."""
    if not plaintext.startswith(TOKEN_PREFIX):
        return None
    user = next(iter(User.objects.raw(_token_user_sql(), [_digest(plaintext)])), None)
    if user is None:
        return None
    now = timezone.now()
    last_used_at = user.token_used  # type: ignore[attr-defined]
    if last_used_at is None or now - _aware(last_used_at) > TOKEN_TOUCH_INTERVAL:
        _token_touch(user.token_id, now)  # type: ignore[attr-defined]
    return user


@lru_cache(maxsize=1)
def _token_user_sql() -> str:
    """Every API request runs this lookup: as a raw query it costs 0.3 ms, through the ORM's query compiler
    0.9-1.2 ms, most of an API answer's time (bench/RESULTS.md, API load 2026-12-03). Names come from the
    models' metadata; the digest is a parameter."""
    q = connection.ops.quote_name
    user_columns = ", ".join(f"u.{q(str(f.column))}" for f in User._meta.concrete_fields)
    tokens, users = q(ApiToken._meta.db_table), q(User._meta.db_table)
    return (
        f"SELECT {user_columns}, t.{q('id')} AS token_id, t.{q('last_used_at')} AS token_used "  # noqa: S608
        f"FROM {tokens} t JOIN {users} u ON u.{q('id')} = t.{q('user_id')} "
        f"WHERE t.{q('digest')} = %s AND t.{q('revoked_at')} IS NULL AND u.{q('is_active')}"
    )


def _aware(value: datetime | str) -> datetime:
    # An extra column of a raw query is not converted: SQLite hands the timestamp back as text, in UTC.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)


# A write per request would serialise API traffic on SQLite: "last used" is precise to a few minutes.
TOKEN_TOUCH_INTERVAL = timedelta(minutes=5)
_TOUCH_WAIT_MS = 200


def _token_touch(token_id: int, now: datetime) -> None:
    """Best-effort: a read must never fail, nor wait long, because "last used" could not be written
    (on SQLite an import may hold the write lock for seconds)."""
    connection = transaction.get_connection()
    try:
        with _short_lock_wait(connection), transaction.atomic():
            ApiToken.objects.filter(pk=token_id).update(last_used_at=now)
    except DatabaseError:
        log.info("token %s: last_used_at not updated (database busy)", token_id)


@contextmanager
def _short_lock_wait(connection: BaseDatabaseWrapper) -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA busy_timeout = {_TOUCH_WAIT_MS}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(previous)}")


def _username_digest(username: str) -> str:
    # Keyed, so a digest of a password typed as a username cannot be looked up in a table of hashes.
    return salted_hmac("jaring.login-failure", username.strip().lower(), algorithm="sha256").hexdigest()


def login_is_locked(*, username: str, ip: str | None) -> bool:
    """Locks the source, not the account: too many failures for this account from this address, or
    too many from this address for any account. A stranger's failures never lock the owner out."""
    since = timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    recent = LoginFailure.objects.filter(ip=ip, at__gte=since)
    if recent.count() >= settings.LOGIN_MAX_FAILURES_PER_ADDRESS:
        return True
    return recent.filter(username_digest=_username_digest(username)).count() >= settings.LOGIN_MAX_FAILURES


@transaction.atomic
def login_failure_record(*, username: str, ip: str | None) -> None:
    LoginFailure.objects.create(username_digest=_username_digest(username), ip=ip, at=timezone.now())
    # File the event under the account's region so auditors elsewhere do not see who is targeted.
    region = User.objects.filter(username__iexact=username).values_list("region_id", flat=True).first()
    audit_record(
        actor=None,
        action="auth.login_failed",
        obj=None,
        region_code=region or "",
        # A typed "username" that matches no account is often a mistyped password: never keep it.
        summary={"username": username if region else "(tidak dikenal)", "ip": ip or ""},
    )


@transaction.atomic
def login_success_record(*, user: User, ip: str | None) -> None:
    LoginFailure.objects.filter(username_digest=_username_digest(user.username), ip=ip).delete()
    audit_record(actor=user, action="auth.login", obj=user, region_code=user.region_id or "", summary={"ip": ip or ""})
