"""Typed readers for settings that come from the environment.

Each reader raises ``EnvError`` with an Indonesian message naming the variable, so a bad value
stops the process at start-up instead of surfacing later as a strange failure.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit


class EnvError(ValueError):
    """A setting in the environment is missing or malformed."""


_TRUE = {"1", "true", "yes", "on", "ya"}
_FALSE = {"0", "false", "no", "off", "tidak", ""}


def env_bool(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    raw = env.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise EnvError(f"{name}={raw!r} bukan nilai ya/tidak yang sah (pakai 1/0, true/false, yes/no).")


def env_str(name: str, default: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        if default is None:
            raise EnvError(f"Variabel lingkungan {name} wajib diisi.")
        return default
    return raw.strip()


def env_list(name: str, default: list[str], environ: Mapping[str, str] | None = None) -> list[str]:
    env = os.environ if environ is None else environ
    raw = env.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, choices: tuple[str, ...], default: str, environ: Mapping[str, str] | None = None) -> str:
    value = env_str(name, default, environ)
    if value not in choices:
        raise EnvError(f"{name}={value!r} tidak dikenal; pilihan: {', '.join(choices)}.")
    return value


@dataclass(frozen=True)
class DatabaseConfig:
    engine: str
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""

    def as_django(self) -> dict[str, object]:
        config: dict[str, object] = {"ENGINE": self.engine, "NAME": self.name}
        if self.engine.endswith("sqlite3"):
            # WAL lets the web app read while a background import writes. SQLite's default page cache (2 MB)
            # makes every index insert of a big import a read from disk; 128 MB is an upper bound, not an
            # allocation.
            # A writer waits up to 20 s for the lock instead of failing at once ("database is locked").
            # IMMEDIATE takes the write lock when a transaction begins: a deferred transaction that read
            # first cannot upgrade after another writer committed (SQLITE_BUSY with no wait at all).
            config["OPTIONS"] = {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-131072;",
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
            }
            config["TEST"] = {"NAME": ":memory:"}
        else:
            config.update(USER=self.user, PASSWORD=self.password, HOST=self.host, PORT=self.port)
            # A new PostgreSQL connection per request cost the calculator API four fifths of its throughput
            # (bench/RESULTS.md, load smoke run); kept for a minute, checked before reuse.
            config.update(CONN_MAX_AGE=60, CONN_HEALTH_CHECKS=True)
        return config


def parse_database_url(url: str) -> DatabaseConfig:
    """``sqlite:////abs/path.sqlite3`` or ``postgres://user:pass@host:port/name``."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # As dj-database-url: sqlite:////abs/path is absolute, sqlite:///rel/path is relative.
        path = unquote(parts.path)
        path = path[1:] if path.startswith("//") else path.lstrip("/")
        if not path:
            raise EnvError(f"DATABASE_URL={url!r}: sebutkan berkas SQLite, mis. sqlite:///var/jaring.sqlite3.")
        return DatabaseConfig(engine="django.db.backends.sqlite3", name=path)
    if parts.scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise EnvError(f"DATABASE_URL={url!r}: nama basis data PostgreSQL tidak ada.")
        try:
            port = parts.port
        except ValueError as exc:
            raise EnvError(f"DATABASE_URL={url!r}: port tidak sah.") from exc
        return DatabaseConfig(
            engine="django.db.backends.postgresql",
            name=name,
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            host=parts.hostname or "",
            port=str(port or ""),
        )
    raise EnvError(f"DATABASE_URL={url!r}: skema tidak didukung (pakai sqlite:/// atau postgres://).")


def secret_key_from(path: Path) -> str:
    """Reads the embedded install's key, creating it on first use."""
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    import secrets

    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


def env_int(name: str, default: int, environ: Mapping[str, str] | None = None, minimum: int = 0) -> int:
    raw = env_str(name, str(default), environ)
    try:
        value = int(raw)
    except ValueError as exc:
        raise EnvError(f"{name}={raw!r} bukan bilangan bulat.") from exc
    if value < minimum:
        raise EnvError(f"{name}={value} terlalu kecil (minimal {minimum}).")
    return value


def env_origins(name: str, environ: Mapping[str, str] | None = None) -> list[str]:
    """Comma-separated origins such as ``https://jaring.tegalkab.go.id``: a scheme and a host, no path."""
    origins = env_list(name, [], environ)
    for origin in origins:
        parts = urlsplit(origin)
        if parts.scheme not in {"http", "https"} or not parts.netloc or parts.path not in {"", "/"}:
            raise EnvError(
                f"{name}: {origin!r} bukan origin yang sah; tulis skema dan nama host, mis. https://jaring.go.id."
            )
    return [origin.rstrip("/") for origin in origins]


def proxy_ssl_header(environ: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """Behind an HTTPS proxy (``JARING_BEHIND_PROXY=1``) Django learns the request was HTTPS from the proxy's
    ``X-Forwarded-Proto``. Only safe when the proxy sets that header itself and clients cannot reach the app
    directly, hence off unless asked for."""
    if env_bool("JARING_BEHIND_PROXY", False, environ):
        return ("HTTP_X_FORWARDED_PROTO", "https")
    return None
