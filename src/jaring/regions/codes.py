"""Region code parsing: the dotted Kemendagri form from what people type."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\d+")
_DOTTED = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")


class InvalidRegionCode(ValueError):
    def __init__(self, raw: str) -> None:
        super().__init__(
            f"Kode wilayah {raw!r} tidak sah: pakai bentuk Kemendagri seperti 33, 33.28, 33.28.01 atau 33.28.01.2001."
        )
        self.raw = raw


def normalize_region_code(raw: str) -> str:
    """'3328' -> '33.28'; '33.28.01.2001' stays; '33 28 01' -> '33.28.01'."""
    text = raw.strip()
    if _DOTTED.match(text):
        return text
    digits = "".join(_DIGITS.findall(text))
    if len(digits) not in (2, 4, 6, 10) or not re.fullmatch(r"[\d.\s-]+", text):
        raise InvalidRegionCode(raw)
    parts = [digits[0:2], digits[2:4], digits[4:6], digits[6:10]]
    return ".".join(p for p in parts if p)


def region_level(code: str) -> int:
    return code.count(".") + 1
