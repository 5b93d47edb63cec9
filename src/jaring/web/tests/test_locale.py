from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"


def _entries() -> list[tuple[str, str]]:
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    pairs = []
    for block in text.split("\n\n"):
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        msgstr = re.search(r'^msgstr ((?:".*"\n?)+)', block, re.M)
        if msgid and msgstr:
            pairs.append(
                ("".join(re.findall(r'"(.*)"', msgid.group(1))), "".join(re.findall(r'"(.*)"', msgstr.group(1))))
            )
    return [(i, s) for i, s in pairs if i]


def test_every_string_has_english_text():
    untranslated = [msgid for msgid, msgstr in _entries() if not msgstr]
    assert untranslated == []
    # gettext ignores fuzzy entries: they would show Indonesian on the English UI.
    assert "#, fuzzy" not in (LOCALE / "django.po").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext's msgfmt")
def test_compiled_catalog_is_current(tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(LOCALE / "django.po")], check=True)  # noqa: S607
    assert fresh.read_bytes() == (LOCALE / "django.mo").read_bytes(), "run `make messages`"
