"""Run as a script against a file-based SQLite database (DATABASE_URL): one thread holds a write
transaction, as an import does, while other threads read the API with tokens and log in. Prints the
failures as JSON: ``{"api": [...], "login": [...], "api_ok": n, "login_ok": n, "api_slowest": s}``.

An in-memory test database cannot show "database is locked": it has one connection.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from typing import Any

HOLD_SECONDS = float(os.environ.get("PROBE_HOLD_SECONDS", "8"))
READERS = 4
LOGINS = 3
PASSWORD = "kata-sandi-probe-2026"


def _prepare() -> list[str]:
    from django.core.management import call_command
    from django.db import connection, transaction

    from jaring.accounts.services import api_token_create, user_create
    from jaring.regions.models import Region

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        province = Region.objects.create(code="33", level=1, type="provinsi", name="Jawa Tengah", match_name="jawa")
        Region.objects.create(
            code="33.28", level=2, type="kabupaten", name="Tegal", match_name="tegal", parent=province
        )
    tokens = []
    for n in range(LOGINS):
        user = user_create(username=f"probe{n}", password=PASSWORD, role="operator", region_code="33.28")
        tokens += [api_token_create(user=user, name=f"t{k}").plaintext for k in range(READERS)]
    connection.close()
    return tokens


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jaring.settings")
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test import Client

    from jaring.accounts.models import LoginFailure

    tokens = _prepare()
    result: dict[str, Any] = {"api": [], "login": [], "api_ok": 0, "login_ok": 0, "api_slowest": 0.0}
    lock = threading.Lock()
    held = threading.Event()

    def hold() -> None:
        with transaction.atomic():
            LoginFailure.objects.create(username_digest="import", ip=None, at="2026-01-01T00:00:00Z")
            held.set()
            time.sleep(HOLD_SECONDS)
        connection.close()

    def read(token: str) -> None:
        client = Client(headers={"Authorization": f"Bearer {token}"}, raise_request_exception=False)
        started = time.perf_counter()
        response = client.get("/api/v1/regions/33.28")
        with lock:
            result["api_slowest"] = max(result["api_slowest"], time.perf_counter() - started)
            if response.status_code == 200:
                result["api_ok"] += 1
            else:
                result["api"].append(response.status_code)
        connection.close()

    def login(n: int) -> None:
        client = Client(raise_request_exception=False)
        response = client.post("/masuk/", {"username": f"probe{n}", "password": PASSWORD})
        with lock:
            if response.status_code == 302:
                result["login_ok"] += 1
            else:
                result["login"].append(response.status_code)
        connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait()
    workers = [threading.Thread(target=read, args=(t,)) for t in tokens]
    workers += [threading.Thread(target=login, args=(n,)) for n in range(LOGINS)]
    for worker in workers:
        worker.start()
        time.sleep(0.02)
    for worker in [holder, *workers]:
        worker.join()
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
