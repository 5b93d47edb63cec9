"""Recognising a database that `jaring setup` has not migrated yet (a fresh checkout)."""

from __future__ import annotations

from django.db import DatabaseError

NOT_SET_UP = "Basis data belum disiapkan: jalankan `jaring setup` terlebih dahulu."


def schema_missing(exc: DatabaseError) -> bool:
    # SQLite says "no such table: x"; PostgreSQL says 'relation "x" does not exist'.
    text = str(exc).lower()
    return "no such table" in text or ("relation" in text and "does not exist" in text)
