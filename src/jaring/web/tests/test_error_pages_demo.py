"""The error pages as `make demo` serves them: the real settings (DEBUG off), not pytest-django's.

pytest-django forces DEBUG off whatever the settings say, so a page that only works because of that
would pass in-process. Here a separate Python reads the demo's environment and asks through Django's
test client.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jaring

_PROBE = r"""
import json, os
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "jaring.settings"
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from jaring.accounts.models import User
from jaring.regions.models import Region

call_command("migrate", verbosity=0)
Region.objects.create(code="33", level=1, type="provinsi", name="Jawa Tengah", match_name="jawa tengah")
Region.objects.create(code="33.28", level=2, type="kabupaten", parent_id="33", name="Tegal", match_name="tegal")
leader = User.objects.create_user("pimpinan", password="x", role="leader", region_id="33.28")

def ask(client, path, **headers):
    response = client.get(path, headers=headers)
    return {"status": response.status_code, "html": response.content.decode()}

anonymous = Client(raise_request_exception=False)
signed_in = Client(raise_request_exception=False)
signed_in.force_login(leader)
htmx = {"HX-Request": "true"}
answers = {"debug": settings.DEBUG}
with override_settings(ROOT_URLCONF="jaring.tests.boom_urls"):
    answers["404-anonymous"] = ask(anonymous, "/tidak-ada/")
    answers["404"] = ask(signed_in, "/tidak-ada/")
    answers["403"] = ask(signed_in, "/pekerja/")
    answers["403-htmx"] = ask(signed_in, "/cek-nik/?nik=1", **htmx)
    answers["500"] = ask(signed_in, "/uji/boom/")
    answers["500-htmx"] = ask(signed_in, "/uji/boom/", **htmx)
    answers["400"] = ask(anonymous, "/masuk/", Host="penyerang.example")
print(json.dumps(answers))
"""

EXPECTED = {
    "404-anonymous": (404, "Halaman tidak ditemukan"),
    "404": (404, "Halaman tidak ditemukan"),
    "403": (403, "Akses ditolak"),
    "403-htmx": (403, "Akses ditolak"),
    "500": (500, "Terjadi kesalahan di server"),
    "500-htmx": (500, "Terjadi kesalahan di server"),
    "400": (400, "Permintaan tidak sah"),
}


def test_error_pages_under_the_demo_settings(tmp_path):
    env = {
        "JARING_ENV": "development",
        "DEBUG": "0",  # what `make demo` sets, even over an exported DEBUG=1
        "JARING_HOME": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(Path(jaring.__file__).parents[1]),
    }
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True, timeout=120
    )
    answers = json.loads(proc.stdout.strip().splitlines()[-1])
    assert answers.pop("debug") is False
    for name, (status, title) in EXPECTED.items():
        answer = answers[name]
        assert answer["status"] == status, name
        assert title in answer["html"], name
        assert "Kembali ke beranda" in answer["html"], name
        # htmx swaps a card into the page; a second whole page inside it would repeat the menu.
        assert ("<html" in answer["html"]) != name.endswith("-htmx"), name
        for leak in ("Traceback", "rahasia-di-traceback", "URLconf", "DEBUG = True", "Django"):
            assert leak not in answer["html"], f"{name}: {leak}"
