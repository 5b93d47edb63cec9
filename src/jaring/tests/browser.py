"""A real Jaring process for browser tests: its own SQLite file, set up and served like `make demo`."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps dialling Google on this closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _jaring(args: list[str], env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-c", "from jaring.cli import main; main()", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )


def _env(database: Path) -> dict[str, str]:
    # DEBUG=0 as `make demo` sets it: the pages under test are the ones a demo user sees.
    return {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "JARING_ENV": "development", "DEBUG": "0"}


_DEMO: dict[str, Path] = {}


def _demo_database(tmp: Path) -> Path:
    """A database set up and loaded like `make demo`, built once per test run: every browser module gets a copy
    of it (the load is most of a module's time, and each module still writes only to its own copy)."""
    if "file" not in _DEMO:
        folder = tmp.parent / "demo-template"
        folder.mkdir(exist_ok=True)
        database = folder / "demo.sqlite3"
        env = _env(database)
        _jaring(["setup"], env)
        _jaring(["demo", "load"], env)
        _DEMO["file"] = database
    return _DEMO["file"]


def _checkpoint(database: Path) -> None:
    # Everything in the one file before it is copied (a write-ahead log would stay behind).
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@contextmanager
def running_jaring(tmp: Path) -> Iterator[str]:
    database = tmp / "browser.sqlite3"
    template = _demo_database(tmp)
    _checkpoint(template)
    shutil.copyfile(template, database)
    env = _env(database)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "from jaring.cli import main; main()", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/masuk/", timeout=2)  # noqa: S310 - our own loopback server
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
