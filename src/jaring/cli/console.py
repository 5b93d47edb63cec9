from __future__ import annotations

import json
from typing import Any, NoReturn

from rich.console import Console

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def print_json(data: Any) -> None:
    # Plain print: Rich would wrap long lines and break machine readers.
    print(json.dumps(data, ensure_ascii=False, indent=2))


def fail(message: str, code: int = 1) -> None:
    err.print(f"[red]Galat:[/red] {message}")
    raise SystemExit(code)


def angka(n: int) -> str:
    """3321 -> "3.321", the way the pages write counts."""
    return f"{n:,}".replace(",", ".")


def refuse(
    code: str, message: str, *, as_json: bool = False, status: int = 1, message_en: str | None = None
) -> NoReturn:
    """A refusal in the form every command shares: `{"error": {"code", "message_id"}}` under --json,
    one red Indonesian line on stderr, and the exit status (1 refused input, 2 bad usage)."""
    if as_json:
        error = {"code": code, "message_id": message} | ({"message_en": message_en} if message_en else {})
        print_json({"error": error})
    err.print(f"[red]Galat:[/red] {message} ({code})")
    raise SystemExit(status)
