"""Keeps the durable job worker running beside the web server: `jaring serve` starts it as a child
process, starts it again when it dies, and stops it when the server stops."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Protocol

# `python -m jaring worker` rather than the `jaring` script: the same interpreter and virtualenv as this
# process, whatever the PATH says.
WORKER_COMMAND = (sys.executable, "-m", "jaring", "worker")


class Process(Protocol):
    returncode: int | None

    def poll(self) -> int | None: ...
    def terminate(self) -> None: ...
    def kill(self) -> None: ...
    def wait(self, timeout: float | None = None) -> int: ...


def _popen(command: Sequence[str]) -> Process:
    return subprocess.Popen(list(command))  # noqa: S603 - our own interpreter and module, no shell


class ChildSupervisor:
    """Runs ``command`` until ``stop()``. A child that dies is started again after ``restart_delay``
    seconds, doubled (up to ``max_delay``) while it keeps dying within ``healthy_after`` seconds, so a
    child that cannot start does not spin."""

    def __init__(
        self,
        command: Sequence[str] = WORKER_COMMAND,
        *,
        name: str = "Pekerja tugas",
        spawn: Callable[[Sequence[str]], Process] | None = None,
        report: Callable[[str], None] = print,
        poll_interval: float = 1.0,
        restart_delay: float = 1.0,
        max_delay: float = 60.0,
        healthy_after: float = 30.0,
        stop_timeout: float = 15.0,
    ) -> None:
        self.command = tuple(command)
        self.name = name
        self._spawn = spawn or _popen
        self._report = report
        self._poll_interval = poll_interval
        self._restart_delay = restart_delay
        self._max_delay = max_delay
        self._healthy_after = healthy_after
        self._stop_timeout = stop_timeout
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._process: Process | None = None
        self._started_at = 0.0
        self._thread: threading.Thread | None = None
        self.starts = 0

    def start(self) -> None:
        with self._lock:
            self._start_child()
        self._thread = threading.Thread(target=self._watch, name=f"supervise {self.name}", daemon=True)
        self._thread.start()

    def _start_child(self) -> None:
        self._process = self._spawn(self.command)
        self._started_at = time.monotonic()
        self.starts += 1

    def _watch(self) -> None:
        delay = self._restart_delay
        while not self._stopping.wait(self._poll_interval):
            process = self._process
            if process is None:
                continue
            code = process.poll()
            if code is None:
                continue
            lived = time.monotonic() - self._started_at
            delay = self._restart_delay if lived >= self._healthy_after else delay
            self._report(f"{self.name} berhenti (kode {code}); dijalankan ulang dalam {delay:g} detik.")
            if self._stopping.wait(delay):
                return
            with self._lock:
                if self._stopping.is_set():
                    return
                self._start_child()
            delay = min(delay * 2, self._max_delay)

    def stop(self) -> None:
        """Asks the child to finish (SIGTERM), kills it after ``stop_timeout`` seconds."""
        self._stopping.set()
        with self._lock:
            process = self._process
        if self._thread is not None:
            self._thread.join(timeout=self._stop_timeout)
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=self._stop_timeout)
        except subprocess.TimeoutExpired:
            self._report(f"{self.name} tidak berhenti dalam {self._stop_timeout:g} detik; dihentikan paksa.")
            process.kill()
            process.wait()

    def __enter__(self) -> ChildSupervisor:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
