"""The PDF documents BPJS asks for (users.md, "Documents BPJS asks for"): the name list agreed in the village
meeting, initialled by the village head on every page, and the funder's Berita Acara Serah Terima Data.

WeasyPrint renders them from templates under ``templates/enrolment/pdf/``. Its URL fetcher may open local
files only: a document never reaches the network, whatever a worker's name or address holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Count, F
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML, URLFetcher

from jaring.audit.models import AuditEvent
from jaring.audit.services import audit_record
from jaring.enrolment.exchange import PROGRAMMES
from jaring.enrolment.models import Membership, Status
from jaring.enrolment.services import programme_period
from jaring.funding.models import Programme
from jaring.regions.models import Region
from jaring.rules.nik import mask_nik
from jaring.rules.terbilang import date_in_words, date_long

# The cohort as the village agreed it and as it stands with BPJS: neither withdrawn nor over.
LISTED = (Status.PROPOSED, Status.SUBMITTED, Status.ACTIVE)
_WITH_SIGNATURE = 3
_ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


@dataclass(frozen=True)
class Document:
    content: bytes
    filename: str


def _pdf(template: str, context: dict[str, Any]) -> bytes:
    html = render_to_string(template, context)
    content: bytes = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=("file",), timeout=1)).write_pdf()
    return content


def _sponsors(programme: Programme) -> list[dict[str, Any]]:
    shares = sorted(programme.sponsors.select_related("sponsor"), key=lambda s: (-s.share, s.pk))
    # Shares in the Indonesian style: 12,5%.
    return [
        {"name": s.sponsor.name, "share": f"{s.share.normalize():f}".replace(".", ","), "wadah": s.wadah}
        for s in shares
    ]


def _programme_context(programme: Programme) -> dict[str, Any]:
    start, end = programme_period(programme)
    region = Region.objects.get(code=programme.region_id)
    return {
        "programme": programme,
        "region": region,
        # BPJS names its branch offices after the town: "Kantor Cabang Tegal" serves Kabupaten and Kota Tegal.
        "branch": region.name.removeprefix("Kabupaten ").removeprefix("Kota "),
        "start": start,
        "end": end,
        "benefits": PROGRAMMES.get(programme.package, "JKK, JKM"),
        "sponsors": _sponsors(programme),
        "printed": timezone.localdate(),
    }


def _village_members(programme: Programme, village: Region, *, full_nik: bool) -> list[dict[str, Any]]:
    rows = (
        Membership.objects.filter(programme=programme, status__in=LISTED, worker__village_id=village.code)
        .order_by("worker__search_name", "worker_id")
        .values_list(
            "worker__name", "worker__nik", "worker__birth_date", "worker__occupation__name",
            "worker__occupation_text", "worker__address",
        )
    )  # fmt: skip
    return [
        {"no": no, "name": name, "nik": nik if full_nik else mask_nik(nik), "birth_date": born,
         "occupation": occupation or written or "", "address": address}
        for no, (name, nik, born, occupation, written, address) in enumerate(rows, start=1)
    ]  # fmt: skip


def village_list_file_name(village_code: str) -> str:
    return f"daftar-musyawarah-desa-{village_code}.pdf"


def village_list_pdf(programme: Programme, village: Region, *, full_nik: bool = True) -> bytes:
    """ "Daftar Nama Pekerja Rentan hasil Musyawarah Desa …": the village's listed workers, an initials box
    for the village head on every page, a signature block at the end. ``full_nik`` only for those who
    may edit the programme (the list goes to BPJS); others get the masked NIK."""
    district = village.parent
    regency = district.parent if district is not None else None
    members = _village_members(programme, village, full_nik=full_nik)
    context = _programme_context(programme) | {
        "village": village,
        "district": district,
        "regency": regency,
        "members": members,
        # The last rows go with the signature onto one page: a signature never stands alone below no names.
        "body": members[:-_WITH_SIGNATURE],
        "tail": members[-_WITH_SIGNATURE:],
        "full_nik": full_nik,
    }
    return _pdf("enrolment/pdf/village_list.html", context)


def village_counts(programme: Programme) -> list[dict[str, Any]]:
    """Listed workers per village, in code order, with the district's name."""
    rows = (
        Membership.objects.filter(programme=programme, status__in=LISTED)
        .values(code=F("worker__village_id"), village=F("worker__village__name"),
                district=F("worker__village__parent__name"))
        .annotate(workers=Count("id"))
        .order_by("code")
    )  # fmt: skip
    return [dict(row) for row in rows]


def registration_file_name(programme: Programme) -> str:
    """The name of the last registration file written for the programme (its audit event keeps it)."""
    event = (
        AuditEvent.objects.filter(action="cohort.export", object_type="funding.programme", object_id=str(programme.pk))
        .order_by("-at")
        .first()
    )
    if event is not None and event.summary.get("file"):
        return str(event.summary["file"])
    return f"pendaftaran-bpjs-program-{programme.pk}.xlsx"


def handover_number(programme: Programme, day: date) -> str:
    return f"{programme.pk:03d}/BA-STD/{_ROMAN_MONTHS[day.month - 1]}/{day.year}"


def handover_pdf(programme: Programme, *, day: date | None = None) -> bytes:
    """ "Berita Acara Serah Terima Data" from the programme's region government to BPJS's branch office."""
    day = day or timezone.localdate()
    counts = village_counts(programme)
    context = _programme_context(programme) | {
        "number": handover_number(programme, day),
        "day": day,
        "day_in_words": date_in_words(day),
        "day_long": date_long(day),
        "counts": counts,
        "total": sum(c["workers"] for c in counts),
        "file_name": registration_file_name(programme),
    }
    return _pdf("enrolment/pdf/handover.html", context)


def village_list_issue(*, actor: Any, programme: Programme, village: Region, full_nik: bool) -> Document:
    """The village list for a user already let through ``access_programme_village``; handing it out is
    audited like an export (who took which village's list, with or without full NIKs)."""
    with transaction.atomic():
        content = village_list_pdf(programme, village, full_nik=full_nik)
        audit_record(
            actor=actor,
            action="document.village_list",
            obj=programme,
            region_code=village.code,
            summary={"village": village.code, "full_nik": full_nik, "bytes": len(content)},
        )
    return Document(content, village_list_file_name(village.code))


def handover_issue(*, actor: Any, programme: Programme, day: date | None = None) -> Document:
    """The Berita Acara for a user who may edit the programme; audited with its number."""
    day = day or timezone.localdate()
    with transaction.atomic():
        content = handover_pdf(programme, day=day)
        audit_record(
            actor=actor,
            action="document.handover",
            obj=programme,
            region_code=programme.region_id,
            summary={"number": handover_number(programme, day), "bytes": len(content)},
        )
    return Document(content, f"berita-acara-serah-terima-program-{programme.pk}.pdf")
