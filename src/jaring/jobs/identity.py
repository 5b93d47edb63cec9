"""Who is running a job: host, process and a nonce, so a sweep can tell a dead worker from a live one."""

from __future__ import annotations

import os
import secrets
import socket

_nonce = secrets.token_hex(4)


def worker_identity() -> str:
    # Computed on each call: a forked process (gunicorn, a child worker) has its own pid.
    return f"{socket.gethostname()[:80]}:{os.getpid()}:{_nonce}"


def identity_is_dead_here(identity: str) -> bool:
    """True when `identity` names a process of this host that no longer exists."""
    host, _, rest = identity.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname()[:80] or not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, owned by another user
        return False
    return identity_is_zombie(int(pid_text))


def identity_is_zombie(pid: int) -> bool:
    # A killed child that its parent has not reaped yet still answers kill(pid, 0).
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False
