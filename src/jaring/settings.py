"""Django settings, read from the environment only (see .env.example)."""

from __future__ import annotations

from pathlib import Path

from jaring.env import (
    EnvError,
    env_bool,
    env_choice,
    env_list,
    env_str,
    parse_database_url,
    secret_key_from,
)

PROJECT_DIR = Path(env_str("JARING_HOME", str(Path(__file__).resolve().parents[2])))
VAR_DIR = PROJECT_DIR / "var"

JARING_ENV = env_choice("JARING_ENV", ("development", "production", "test"), "development")
PRODUCTION = JARING_ENV == "production"

if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY")
else:
    SECRET_KEY = env_str("SECRET_KEY", "") or secret_key_from(VAR_DIR / "secret_key")
if len(SECRET_KEY) < 32:
    raise EnvError("SECRET_KEY terlalu pendek (minimal 32 karakter).")

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])

DATABASES = {
    "default": parse_database_url(
        env_str("DATABASE_URL", f"sqlite:///{(VAR_DIR / 'jaring.sqlite3').as_posix()}")
    ).as_django()
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "jaring.regions",
    "jaring.accounts",
    "jaring.audit",
    "jaring.registry",
    "jaring.imports",
    "jaring.web",
    "jaring.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jaring.web.locale.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "jaring.web.middleware.NotInScopeMiddleware",
]

ROOT_URLCONF = "jaring.urls"
WSGI_APPLICATION = "jaring.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jaring.web.context.navigation",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Failed logins per (username, address) before that pair is locked out, and the window they count in.
LOGIN_MAX_FAILURES = 5
LOGIN_LOCKOUT_MINUTES = 15
# Failed logins from one address, whatever the username, before that address is locked out.
LOGIN_MAX_FAILURES_PER_ADDRESS = 20
# Reverse proxies whose X-Forwarded-For names the client (accounts/client_ip.py); empty: none.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [Path(__file__).resolve().parent / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# whitenoise warns on every request when the directory is missing; `jaring setup` fills it.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
X_FRAME_OPTIONS = "DENY"

_LOG_LEVEL = env_choice("LOG_LEVEL", ("DEBUG", "INFO", "WARNING", "ERROR"), "WARNING")
# Every handler masks NIKs and credentials (jaring.logmask). Django's default "django" handlers
# (console, mail_admins) are replaced so nothing reaches a handler without the filter.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_secrets": {"()": "jaring.logmask.MaskSecrets"}},
    "formatters": {
        "django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "level": _LOG_LEVEL, "filters": ["mask_secrets"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["mask_secrets"],
        },
    },
    "root": {"handlers": ["console"], "level": _LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}
