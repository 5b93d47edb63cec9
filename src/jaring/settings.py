"""Django settings, read from the environment only (see .env.example)."""

from __future__ import annotations

from pathlib import Path

from jaring.env import (
    EnvError,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_origins,
    env_str,
    parse_database_url,
    proxy_ssl_header,
    secret_key_from,
)

PROJECT_DIR = Path(env_str("JARING_HOME", str(Path(__file__).resolve().parents[2])))
VAR_DIR = PROJECT_DIR / "var"

JARING_ENV = env_choice("JARING_ENV", ("development", "production", "test"), "development")
PRODUCTION = JARING_ENV == "production"

if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY")
    # Django's deploy check asks for 50; production is where a guessable key costs most.
    if len(SECRET_KEY) < 50:
        raise EnvError("SECRET_KEY untuk produksi minimal 50 karakter acak (mis. `openssl rand -base64 48`).")
else:
    SECRET_KEY = env_str("SECRET_KEY", "") or secret_key_from(VAR_DIR / "secret_key")
if len(SECRET_KEY) < 32:
    raise EnvError("SECRET_KEY terlalu pendek (minimal 32 karakter).")

# Off unless asked for, in development too: the demo must never show Django's debug page, which lists the
# URLconf on a 404 and settings and source on a 500 (issue 8).
DEBUG = env_bool("DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise EnvError(
        "DEBUG menyala padahal JARING_ENV=production: halaman debug membuka kode dan pengaturan ke publik. "
        "Hapus DEBUG atau isi DEBUG=0."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise EnvError("ALLOWED_HOSTS wajib diisi untuk produksi (nama host situs, mis. jaring.tegalkab.go.id).")

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
    "django_tasks",
    "django_tasks_db",
    "jaring.regions",
    "jaring.accounts",
    "jaring.audit",
    "jaring.jobs",
    "jaring.registry",
    "jaring.imports",
    "jaring.funding",
    "jaring.enrolment",
    "jaring.billing",
    "jaring.coverage",
    "jaring.web",
    "jaring.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "jaring.web.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jaring.web.locale.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "jaring.web.middleware.HtmxLoginRedirectMiddleware",
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
# The embedded install serves straight from the packages; production serves what `jaring setup` collected
# (compressed copies; finders would shadow them with the uncompressed originals).
WHITENOISE_USE_FINDERS = not PRODUCTION

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "jaring.web.errors.csrf_failure"
# Behind an HTTPS proxy (finding 7): JARING_BEHIND_PROXY=1 trusts its X-Forwarded-Proto, and
# CSRF_TRUSTED_ORIGINS lists the public origins when the proxy does not pass the Host header through.
SECURE_PROXY_SSL_HEADER = proxy_ssl_header()
CSRF_TRUSTED_ORIGINS = env_origins("CSRF_TRUSTED_ORIGINS")
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    # Preloading is decided for a whole registrable domain (tegalkab.go.id), not by one application on a
    # sub-domain; the deploy check's reminder (W021) is silenced until SECURE_HSTS_PRELOAD=1 is chosen.
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# Sent on every response by jaring.web.security; everything is served from this origin (htmx from
# django-htmx, Swagger UI from django-ninja). The Swagger UI's stylesheet draws its icons as data: images.
JARING_CSP = "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
JARING_CSP_BY_PATH = {"/api/v1/docs": JARING_CSP + "; img-src 'self' data:"}
# A bare JSON view for bench/load.py's reference run, mounted only when asked for (never in production use).
JARING_BENCH_REFERENCE = env_bool("JARING_BENCH_REFERENCE", False)

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

# Long jobs (imports, later cohorts, billing runs, reports) are rows in the database, run by
# `jaring worker` (ADR 0008). A running job whose worker sends no heartbeat for this long is dead.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
JARING_JOB_HEARTBEAT_SECONDS = env_int("JARING_JOB_HEARTBEAT_SECONDS", 30, minimum=1)
JARING_JOB_STALE_MINUTES = env_int("JARING_JOB_STALE_MINUTES", 10, minimum=1)
# An upload larger than this is refused before it is stored (a village list is a few MB).
JARING_UPLOAD_MAX_BYTES = env_int("JARING_UPLOAD_MAX_MB", 50, minimum=1) * 1024 * 1024

# A village meeting's name list (PDF) with more names than this is rendered by the job worker, not in the
# request: WeasyPrint takes 4–9 s for 300 rows.
JARING_VILLAGE_LIST_JOB_NAMES = env_int("JARING_VILLAGE_LIST_JOB_NAMES", 200, minimum=1)

# A list export past this many rows is refused with a message asking to narrow the filter (issue 9).
JARING_EXPORT_MAX_ROWS = env_int("JARING_EXPORT_MAX_ROWS", 200_000, minimum=1)

# Import limits (issue 8, finding 3): a file past one is refused whole, with a message naming the limit.
JARING_IMPORT_MAX_ROWS = env_int("JARING_IMPORT_MAX_ROWS", 2_000_000, minimum=1)
# The declared uncompressed size of an .xlsx (a zip): checked before the sheet is read (zip bombs).
JARING_IMPORT_MAX_UNPACKED_MB = env_int("JARING_IMPORT_MAX_UNPACKED_MB", 500, minimum=1)
# Possible-duplicate search: a block (birth date, village, first letter) with more pairs is skipped and counted.
JARING_DUPLICATE_MAX_BLOCK_PAIRS = env_int("JARING_DUPLICATE_MAX_BLOCK_PAIRS", 100_000, minimum=1)
