"""Live progress of running jobs, in this process's memory.

Progress cannot go through the database: on SQLite the import's own transaction holds the write
lock, and its rows are invisible to other connections until it commits. Jobs run as threads of the
web process (jobs.py), so the page that polls reads the same memory. A multi-process deployment
needs a shared store here (see docs/architecture.md, known gaps).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

STAGES = {
    "read": "Membaca berkas",
    "normalise": "Menormalkan isian",
    "validate": "Memeriksa aturan",
    "dedupe": "Mencari duplikat",
    "registry": "Menyimpan ke registri",
    "report": "Menulis laporan",
}


@dataclass(frozen=True)
class Progress:
    stage: str
    done: int
    total: int

    @property
    def label(self) -> str:
        return STAGES.get(self.stage, self.stage)

    @property
    def percent(self) -> int:
        order = list(STAGES)
        index = order.index(self.stage) if self.stage in order else 0
        within = self.done / self.total if self.total else 0.0
        return min(99, int(100 * (index + within) / len(order)))


_lock = threading.Lock()
_live: dict[str, Progress] = {}


def report(job_id: str, stage: str, done: int, total: int) -> None:
    with _lock:
        _live[job_id] = Progress(stage, done, total)


def current(job_id: str) -> Progress | None:
    with _lock:
        return _live.get(job_id)


def forget(job_id: str) -> None:
    with _lock:
        _live.pop(job_id, None)
