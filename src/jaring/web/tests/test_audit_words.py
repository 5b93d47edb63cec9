"""The audit trail reads as words: no raw True/False, role codes or English action codes (issue 9)."""

from __future__ import annotations

import pytest
from django.db import transaction

from jaring.audit.services import audit_record
from jaring.web.audit_words import action_label, summary_items


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ({"strict": False, "dry_run": True}, [("mode ketat", "tidak"), ("uji coba", "ya")]),
        ({"created": 1500, "rejected": 0}, [("baru", "1.500"), ("ditolak", "0")]),
        ({"role": "village_operator"}, [("peran", "Operator Desa")]),
        (
            {"rows": 91599, "by_level": {"1": 38, "4": 83762}},
            [("baris", "91.599"), ("per tingkat", "Provinsi 38, Desa/Kelurahan 83.762")],
        ),
        ({"pair": ["332801******0001", "332801******0002"]}, [("pasangan", "332801******0001, 332801******0002")]),
        ({"npp": ""}, [("NPP", "—")]),
        ({"new_field": "x"}, [("new_field", "x")]),
    ],
)
def test_summary_in_words(summary, expected):
    assert summary_items(summary) == expected


def test_known_actions_have_words_and_unknown_ones_keep_their_code():
    assert action_label("employer.register") == "Pemberi kerja didaftarkan"
    assert action_label("something.new") == "something.new"


@pytest.mark.django_db
def test_audit_page_shows_words_not_codes(client_for, auditor):
    with transaction.atomic():
        audit_record(
            actor=None,
            action="user.create",
            obj=None,
            region_code="33.28",
            summary={"username": "desa.x", "role": "village_operator", "region": "33.28.01.2001"},
        )
        audit_record(actor=None, action="import.start", obj=None, region_code="33.28", summary={"strict": False})
    html = client_for(auditor).get("/audit/").content.decode()
    rows = html.split('id="audit-rows"', 1)[1]
    assert "Pengguna dibuat" in rows
    assert "Operator Desa" in rows
    assert "mode ketat: <b>tidak</b>" in rows
    for code in (">user.create<", "village_operator", "False"):
        assert code not in rows
