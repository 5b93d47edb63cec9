from __future__ import annotations

import tempfile
from pathlib import Path

from jaring.imports.headers import write_template


def template_bytes() -> bytes:
    """The downloadable import template (headers, an example row, and a sheet of instructions)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "templat.xlsx"
        write_template(path)
        return path.read_bytes()
