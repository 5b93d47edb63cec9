"""Finding 8 of issue 8: no NIK and no credential in clear in any log line."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest
from django.test import Client

from jaring.accounts.services import api_token_create
from jaring.logmask import MaskSecrets, mask_secrets

NIK = "3602041211870001"
MASKED = "360204******0001"


def _configured_handlers() -> list[logging.Handler]:
    loggers = [logging.getLogger()] + [
        logger for logger in logging.Logger.manager.loggerDict.values() if isinstance(logger, logging.Logger)
    ]
    # pytest's own capture handlers are not part of the configuration; a NullHandler writes nothing.
    return [
        h
        for lg in loggers
        for h in lg.handlers
        if not type(h).__module__.startswith("_pytest") and not isinstance(h, logging.NullHandler)
    ]


def test_every_configured_handler_masks():
    handlers = _configured_handlers()
    assert handlers
    for handler in handlers:
        assert any(isinstance(f, MaskSecrets) for f in handler.filters), handler


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        (f"Unauthorized: /api/v1/nik/{NIK}", MASKED, NIK),
        ("Unexpected auth - 'Basic b3BlcmF0b3I6cmFoYXNpYQ=='", "Basic", "b3BlcmF0b3I6cmFoYXNpYQ=="),
        ("HTTP_AUTHORIZATION: 'Bearer jrg_abcDEF123'", "Bearer", "abcDEF123"),
        ("{'authorization': 'xyz-secret'}", "authorization", "xyz-secret"),
        ("nomor 12345678901234567 bukan NIK", "12345678901234567", "***"),
    ],
)
def test_mask_secrets(text, kept, gone):
    masked = mask_secrets(text)
    assert kept in masked
    assert gone not in masked


@pytest.fixture
def console() -> Iterator[io.StringIO]:
    """What the configured root handler writes, captured."""
    stream = io.StringIO()
    handler = next(h for h in logging.getLogger().handlers if any(isinstance(f, MaskSecrets) for f in h.filters))
    # Swapped by hand, not with setStream(): that flushes the old stream, which an earlier test's captured
    # stderr may have closed.
    old = handler.stream  # type: ignore[attr-defined]
    handler.stream = stream  # type: ignore[attr-defined]
    old_level = handler.level
    handler.setLevel(logging.DEBUG)
    yield stream
    handler.stream = old  # type: ignore[attr-defined]
    handler.setLevel(old_level)


@pytest.mark.django_db
def test_refused_nik_request_logs_no_nik(caplog, console, leader, client_for):
    with caplog.at_level(logging.WARNING):
        assert Client().get(f"/api/v1/nik/{NIK}").status_code == 401
        # The Bupati's role has no NIK check: 403, which Django logs with the path too.
        assert client_for(leader).get(f"/api/v1/nik/{NIK}").status_code == 403
    assert "Unauthorized" in console.getvalue()
    assert "Forbidden" in console.getvalue()
    assert NIK not in console.getvalue()
    assert NIK not in caplog.text
    assert MASKED in caplog.text


@pytest.mark.django_db
def test_basic_authorization_is_not_logged(caplog, console, settings):
    settings.DEBUG = True  # django-ninja logs an unexpected scheme only in DEBUG
    secret = "b3BlcmF0b3IudGVnYWw6amFyaW5nLWRlbW8tMjAyNg=="
    with caplog.at_level(logging.DEBUG):
        response = Client(headers={"Authorization": f"Basic {secret}"}).get(f"/api/v1/nik/{NIK}")
    assert response.status_code == 401
    assert "Unexpected auth" in console.getvalue()
    assert secret not in console.getvalue()
    assert secret not in caplog.text
    assert NIK not in caplog.text


def test_exception_text_is_masked(console):
    try:
        raise ValueError(f"tidak bisa membaca baris {NIK},Siti")
    except ValueError:
        logging.getLogger("jaring.test").exception("gagal")
    assert "Traceback" in console.getvalue()
    assert NIK not in console.getvalue()


@pytest.mark.django_db
def test_nik_in_the_body(tegal_operator):
    client = Client(headers={"Authorization": f"Bearer {api_token_create(user=tegal_operator, name='t').plaintext}"})
    response = client.post("/api/v1/nik", {"nik": "3328015203900001"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["valid"] is True
    assert response.json() == client.get("/api/v1/nik/3328015203900001").json()
