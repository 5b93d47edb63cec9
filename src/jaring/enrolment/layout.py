"""The region's layout of the registration file for BPJS: which fields, with which headers, in which order."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from jaring.accounts.access import NotInScope, code_in_scope, require_capability
from jaring.accounts.roles import Cap
from jaring.audit.services import audit_record
from jaring.enrolment.exchange import FIELDS, ExchangeRefused
from jaring.enrolment.models import ExchangeLayout


def may_manage_layout(user: Any, region_code: str) -> bool:
    from jaring.accounts.access import has_capability

    return has_capability(user, Cap.USERS_MANAGE) and code_in_scope(user, region_code)


@transaction.atomic
def exchange_layout_set(*, actor: Any, region_code: str, columns: list[dict[str, str]]) -> ExchangeLayout:
    """``columns`` in file order: [{"field": "nik", "header": "NIK"}, ...]; NIK and name are required
    because BPJS's answer is matched by NIK and read by people by name."""
    require_capability(actor, Cap.USERS_MANAGE)
    if not code_in_scope(actor, region_code):
        raise NotInScope("Wilayah tidak ditemukan.")
    cleaned = [{"field": c["field"], "header": " ".join(c["header"].split())[:60]} for c in columns]
    fields = [c["field"] for c in cleaned]
    if unknown := [f for f in fields if f not in FIELDS]:
        raise ExchangeRefused("LAYOUT.FIELD", f"Kolom tidak dikenal: {', '.join(unknown)}.")
    if len(set(fields)) != len(fields):
        raise ExchangeRefused("LAYOUT.REPEATED", "Satu kolom hanya boleh muncul sekali.")
    for required in ("nik", "name"):
        if required not in fields:
            raise ExchangeRefused("LAYOUT.REQUIRED", f"Kolom {FIELDS[required]} wajib ada dalam berkas.")
    headers = [c["header"] for c in cleaned]
    if any(not h for h in headers):
        raise ExchangeRefused("LAYOUT.HEADER", "Setiap kolom yang dipakai harus punya judul.")
    if len({h.casefold() for h in headers}) != len(headers):
        raise ExchangeRefused("LAYOUT.HEADER", "Judul kolom tidak boleh sama.")
    layout, _ = ExchangeLayout.objects.update_or_create(
        region_id=region_code, defaults={"columns": cleaned, "updated_at": timezone.now()}
    )
    audit_record(
        actor=actor, action="exchange.layout", obj=layout, region_code=region_code, summary={"columns": cleaned}
    )
    return layout
