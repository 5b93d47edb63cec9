"""A logging filter that keeps NIKs and credentials out of every log line (UU PDP 27/2022).

Django's own loggers write request paths ("Unauthorized: /api/v1/nik/3602…"), django-ninja writes a
refused ``Authorization`` value in full, and exception texts quote the data they choked on. The filter
is set on every handler in ``settings.LOGGING``, so records from any logger pass through it.
"""

from __future__ import annotations

import logging
import re

HIDDEN = "[disembunyikan]"

# Sixteen digits not inside a longer run of digits: the shape of a NIK. Kept as in lists: the region
# code and the serial stay readable, the birth date does not (same mask as rules.nik.mask_nik).
_NIK = re.compile(r"(?<!\d)(\d{6})\d{6}(\d{4})(?!\d)")
# "Token" is also an ordinary word in messages: only a long credential-shaped value after it is hidden.
_SCHEME_CREDENTIAL = re.compile(
    r"(?i)\b(?:(basic|bearer|digest)(?:\s+|%20|\+)[A-Za-z0-9._~+/=:%-]+"
    r"|(token)(?:\s+|%20|\+)[A-Za-z0-9._~+/=:%-]{20,})"
)
_HEADER_VALUE = re.compile(
    r"""(?i)((?:http_)?authorization['"]?\s*[:=]\s*['"]?)"""
    r"""(?!\[disembunyikan|(?:basic|bearer|token|digest)\b)[^'"\s,}]+"""
)
_API_TOKEN = re.compile(r"jrg_[A-Za-z0-9_-]+")


def mask_secrets(text: str) -> str:
    text = _NIK.sub(r"\1******\2", text)
    text = _SCHEME_CREDENTIAL.sub(lambda m: f"{m.group(1) or m.group(2)} {HIDDEN}", text)
    text = _HEADER_VALUE.sub(rf"\1{HIDDEN}", text)
    return _API_TOKEN.sub(f"jrg_{HIDDEN}", text)


class MaskSecrets(logging.Filter):
    """Rewrites the record's message (after merging its args) and its traceback text, masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed record: leave it to the formatter's own error path
            return True
        record.msg = mask_secrets(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_secrets(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_secrets(record.stack_info)
        return True
