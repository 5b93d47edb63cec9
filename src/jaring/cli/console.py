from __future__ import annotations

import json
from typing import Any

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
