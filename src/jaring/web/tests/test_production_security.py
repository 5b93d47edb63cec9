"""Production settings, security headers and serving behind an HTTPS proxy (issue 8, finding 7)."""

from __future__ import annotations

import json
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

import jaring
from jaring.accounts.personas import DEMO_PASSWORD
from jaring.env import EnvError, env_int, env_origins, proxy_ssl_header

SRC = Path(jaring.__file__).parents[1]
HOST = "jaring.tegalkab.go.id"


def _production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "JARING_ENV": "production",
        "JARING_HOME": str(tmp_path),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(SRC),
        **extra,
    }


def _python(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, check=False, timeout=120)


def test_deploy_check_reports_nothing_in_production(tmp_path):
    env = _production_env(tmp_path, JARING_BEHIND_PROXY="1", CSRF_TRUSTED_ORIGINS=f"https://{HOST}")
    proc = _python(env, "-m", "django", "check", "--deploy", "--fail-level", "DEBUG", "--settings=jaring.settings")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "System check identified no issues" in proc.stdout


def test_production_settings_are_secure(tmp_path):
    code = (
        "import jaring.settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_PROXY_SSL_HEADER)"
    )
    proc = _python(_production_env(tmp_path), "-c", code)
    assert proc.stdout.split() == ["False", "True", "True", "True", "31536000", "True", "None"], proc.stderr
    proc = _python(_production_env(tmp_path, SECURE_HSTS_SECONDS="600", JARING_BEHIND_PROXY="ya"), "-c", code)
    assert proc.stdout.split()[4:] == ["600", "True", "('HTTP_X_FORWARDED_PROTO',", "'https')"], proc.stderr


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"DEBUG": "1"}, "DEBUG menyala padahal JARING_ENV=production"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS wajib diisi untuk produksi"),
        ({"SECRET_KEY": "k" * 40}, "SECRET_KEY untuk produksi minimal 50 karakter"),
        ({"CSRF_TRUSTED_ORIGINS": HOST}, "bukan origin yang sah"),
    ],
)
def test_production_refuses_to_start_when_unsafe(tmp_path, extra, message):
    proc = _python(_production_env(tmp_path, **extra), "-c", "import jaring.settings")
    assert proc.returncode != 0
    assert "EnvError" in proc.stderr
    assert message in proc.stderr


def test_cli_reports_debug_in_production_as_a_configuration_error(tmp_path):
    proc = _python(_production_env(tmp_path, DEBUG="true"), "-m", "jaring", "serve", "--production")
    assert proc.returncode == 2
    assert "Galat konfigurasi: DEBUG menyala" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_env_readers():
    assert proxy_ssl_header({}) is None
    assert proxy_ssl_header({"JARING_BEHIND_PROXY": "1"}) == ("HTTP_X_FORWARDED_PROTO", "https")
    assert env_origins("O", {"O": "https://a.go.id, https://b.go.id:8443/"}) == [
        "https://a.go.id",
        "https://b.go.id:8443",
    ]
    assert env_int("N", 5, {"N": "7"}) == 7
    with pytest.raises(EnvError, match="bukan bilangan bulat"):
        env_int("N", 5, {"N": "tujuh"})
    with pytest.raises(EnvError, match="bukan origin yang sah"):
        env_origins("O", {"O": "https://a.go.id/jalur"})


# --- Content-Security-Policy -------------------------------------------------------------------------------

DEFAULT_CSP = "default-src 'self'"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/masuk/", "/tidak-ada/", "/api/v1/regions/33.28", "/static/web/jaring.css"])
def test_every_response_carries_the_policy(path):
    response = Client().get(path)
    policy = response.headers["Content-Security-Policy"]
    assert policy.startswith(DEFAULT_CSP)
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_swagger_ui_gets_data_images_but_no_inline_script(client_for, tegal_operator):
    response = client_for(tegal_operator).get("/api/v1/docs")
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "img-src 'self' data:" in policy
    assert "unsafe" not in policy
    assert _inline_code(response.content.decode()) == []


def _inline_code(html: str) -> list[str]:
    """Executable inline script, inline style and event-handler attributes: what `default-src 'self'` blocks."""
    found = [m.group(0) for m in re.finditer(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)]
    found += re.findall(r"<style\b", html)
    found += re.findall(r"\sstyle=\"", html)
    found += re.findall(r"\son[a-z]+=\"", html)
    found += re.findall(r"\shx-on[:-]", html)
    return found


def test_no_template_needs_inline_code():
    # Every page is under the policy: a template that needs inline script or style breaks in the browser.
    # PDF templates (templates/*/pdf/) go to WeasyPrint, never to a browser: their styles are inline on purpose.
    templates = sorted(t for t in SRC.glob("jaring/*/templates/**/*.html") if "pdf" not in t.parent.parts)
    assert templates
    offenders = {str(t.relative_to(SRC)): found for t in templates if (found := _inline_code(t.read_text()))}
    assert offenders == {}


# --- Behind an HTTPS proxy (finding 7) -----------------------------------------------------------------------


def _login_through_proxy(client: Client, host: str) -> int:
    proxy = {"X-Forwarded-Proto": "https", "Host": host}
    page = client.get("/masuk/", headers=proxy)
    assert page.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert token is not None
    response = client.post(
        "/masuk/",
        {"username": "operator.tegal", "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token.group(1)},
        headers={**proxy, "Origin": f"https://{HOST}"},
    )
    return response.status_code


@pytest.fixture
def production_cookies(settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.ALLOWED_HOSTS = [HOST, "127.0.0.1"]


@pytest.mark.django_db
def test_login_through_https_proxy_is_refused_without_the_proxy_settings(production_cookies, tegal_operator):
    assert _login_through_proxy(Client(enforce_csrf_checks=True), HOST) == 403


@pytest.mark.django_db
def test_login_through_https_proxy_succeeds(settings, production_cookies, tegal_operator):
    settings.SECURE_PROXY_SSL_HEADER = proxy_ssl_header({"JARING_BEHIND_PROXY": "1"})
    client = Client(enforce_csrf_checks=True)
    assert _login_through_proxy(client, HOST) == 302
    assert client.get("/", HTTP_X_FORWARDED_PROTO="https", HTTP_HOST=HOST).status_code == 200


@pytest.mark.django_db
def test_proxy_that_rewrites_the_host_needs_trusted_origins(settings, production_cookies, tegal_operator):
    settings.SECURE_PROXY_SSL_HEADER = proxy_ssl_header({"JARING_BEHIND_PROXY": "1"})
    assert _login_through_proxy(Client(enforce_csrf_checks=True), "127.0.0.1") == 403
    settings.CSRF_TRUSTED_ORIGINS = env_origins("CSRF_TRUSTED_ORIGINS", {"CSRF_TRUSTED_ORIGINS": f"https://{HOST}"})
    assert _login_through_proxy(Client(enforce_csrf_checks=True), "127.0.0.1") == 302


# --- The load test's reference view -------------------------------------------------------------------------


@pytest.mark.django_db
def test_bench_reference_view_is_not_mounted_by_default():
    assert Client().get("/bench/reference").status_code == 404


@pytest.mark.django_db
def test_htmx_is_told_not_to_inject_inline_styles():
    # Found in Chromium: htmx adds a <style> for its indicators, which `default-src 'self'` blocks.
    html = Client().get("/masuk/").content.decode()
    config = json.loads(html.split("""<meta name="htmx-config" content='""", 1)[1].split("'>", 1)[0])
    assert config["includeIndicatorStyles"] is False


def test_bench_reference_views_when_asked_for(tmp_path):
    code = (
        "import django; django.setup(); from django.test import Client; c = Client(); "
        "print(c.get('/bench/reference').content.decode()); "
        'r = c.post(\'/bench/reference/calc\', \'{"segment": "bpu", "on": "2025-06-01", '
        "\"income\": \"1500000\"}', content_type='application/json'); print(r.status_code, r.json()['total'])"
    )
    env = {
        "JARING_ENV": "test",
        "JARING_HOME": str(tmp_path),
        "JARING_BENCH_REFERENCE": "1",
        "DJANGO_SETTINGS_MODULE": "jaring.settings",
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(SRC),
    }
    proc = _python(env, "-c", code)
    assert proc.stdout.split("\n")[:2] == ['{"ok": true}', "200 21800"], proc.stderr
