from __future__ import annotations

import re

_NOISE = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")


def search_name(name: str) -> str:
    """'Siti  Nur-Aisyah, S.Pd' -> 'siti nur aisyah s pd': the form names are searched and compared in."""
    return _SPACES.sub(" ", _NOISE.sub(" ", name.lower())).strip()


def search_name_pattern() -> tuple[str, str]:
    """The same normalisation for Polars: (pattern to blank, then spaces collapsed)."""
    return r"[^a-z0-9 ]+", r"\s+"
