"""Proofs of payment (bukti bayar) on disk: under var/, outside the code tree, readable by the server's user
only (folder 0700, file 0600), never in an export. Payment.proof keeps the path inside PROOF_DIR."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

PROOF_DIR = "bukti-bayar"


def proof_root() -> Path:
    folder = Path(settings.VAR_DIR) / PROOF_DIR
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.chmod(0o700)
    return folder


def proof_store(upload: UploadedFile[bytes]) -> str:
    """Writes the upload under a fresh name (the user's file name is never a path here); returns the name."""
    suffix = Path(upload.name or "").suffix.lower()[:5]
    name = f"{uuid.uuid4().hex}{suffix}"
    path = proof_root() / name
    # Created 0600 from the start: the file is never readable by others, not even for a moment.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return name


def proof_discard(name: str) -> None:
    """Removes a stored proof whose payment was refused: nothing is left half-applied."""
    if name:
        (proof_root() / Path(name).name).unlink(missing_ok=True)


def proof_path(name: str) -> Path | None:
    """The stored file of a proof, or None when it is gone; only a bare name inside PROOF_DIR is ever opened."""
    path = proof_root() / Path(name).name
    return path if name and path.is_file() else None
