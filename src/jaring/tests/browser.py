"""A real Jaring process for browser tests: its own SQLite file, set up and served like `make demo`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def running_jaring(tmp: Path) -> Iterator[str]:
    # DEBUG=0 as `make demo` sets it: the pages under test are the ones a demo user sees.
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp / 'browser.sqlite3'}",
        "JARING_ENV": "development",
        "DEBUG": "0",
    }
    _jaring(["setup"], env)
    _jaring(["demo", "load"], env)
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
