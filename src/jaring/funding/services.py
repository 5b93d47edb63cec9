"""Writes of sponsors, budget lines and programmes: one transaction each, with an audit event."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from jaring.accounts.access import NotInScope, code_in_scope, require_capability
from jaring.accounts.roles import Cap
from jaring.audit.services import audit_record
from jaring.funding.models import (
    DEFAULT_WADAH,
    BudgetLine,
    Package,
    Programme,
    ProgrammeSegment,
    ProgrammeSponsor,
    Revision,
    Sponsor,
    SponsorKind,
)
from jaring.refusal import Refused
from jaring.regions.models import Region

HUNDRED = Decimal(100)
MAX_BUDGET = Decimal(100_000_000_000_000)


class FundingRefused(Refused):
    """Input a person can fix: a stable code and an Indonesian message (the CLI exits 1, the API 400)."""


@dataclass(frozen=True)
class SponsorShare:
    kind: str
    name: str
    share: Decimal


@dataclass(frozen=True)
class ProgrammeInput:
    region_code: str
    name: str
    segment: str
    start: date
    package: str = Package.BASIC
    months: int | None = None
    days: int | None = None
    wage: Decimal | None = None
    budget: Decimal | None = None
    max_age: int = 65
    legal_basis: str = ""
    agreement: str = ""
    sponsors: tuple[SponsorShare, ...] = field(default_factory=tuple)


def parse_sponsor(text: str) -> SponsorShare:
    """``TYPE:NAME:SHARE`` of the CLI (a name may hold colons: the type is first, the share last)."""
    kind, sep, rest = text.partition(":")
    name, sep2, share = rest.rpartition(":")
    if not sep or not sep2 or not name.strip():
        raise FundingRefused("SPONSOR.FORMAT", f"Sponsor {text!r} tidak sesuai format JENIS:NAMA:BAGIAN.")
    if kind.strip() not in SponsorKind.values:
        choices = ", ".join(SponsorKind.values)
        raise FundingRefused("SPONSOR.KIND", f"Jenis sponsor {kind.strip()!r} tidak dikenal; pilihan: {choices}.")
    try:
        value = Decimal(share.strip().rstrip("%").replace(",", "."))
    except InvalidOperation as exc:
        raise FundingRefused("SPONSOR.SHARE", f"Bagian sponsor {share!r} bukan angka persen.") from exc
    if not value.is_finite() or not 0 < value <= HUNDRED:
        raise FundingRefused("SPONSOR.SHARE", f"Bagian sponsor harus lebih dari 0 dan paling banyak 100: {share}.")
    return SponsorShare(kind=kind.strip(), name=" ".join(name.split()), share=value)


def _check(inp: ProgrammeInput, today: date) -> None:
    if not inp.name.strip():
        raise FundingRefused("PROGRAMME.NAME", "Nama program wajib diisi.")
    if inp.segment not in ProgrammeSegment.values:
        raise FundingRefused("PROGRAMME.SEGMENT", f"Segmen {inp.segment!r} tidak dikenal; pilihan: bpu, pu, adhoc.")
    if inp.package not in Package.values:
        raise FundingRefused("PROGRAMME.PACKAGE", f"Paket {inp.package!r} tidak dikenal; pilihan: bpu-basic, bpu-jht.")
    if (inp.months is None) == (inp.days is None):
        raise FundingRefused("PROGRAMME.PERIOD", "Isi jumlah bulan, atau jumlah hari untuk badan ad hoc (salah satu).")
    if inp.months is not None and not 1 <= inp.months <= 60:
        raise FundingRefused("PROGRAMME.PERIOD", f"Jumlah bulan harus 1 sampai 60: {inp.months}.")
    if inp.days is not None and (inp.segment != ProgrammeSegment.ADHOC or not 1 <= inp.days <= 62):
        raise FundingRefused("PROGRAMME.PERIOD", "Jumlah hari hanya untuk badan ad hoc, 1 sampai 62 hari.")
    if inp.segment == ProgrammeSegment.PU and (inp.wage is None or inp.wage < 2):
        raise FundingRefused("PROGRAMME.WAGE", "Program penerima upah memerlukan upah sebulan.")
    if inp.budget is not None and not (inp.budget.is_finite() and 0 < inp.budget <= MAX_BUDGET):
        raise FundingRefused("PROGRAMME.BUDGET", "Anggaran harus lebih dari Rp0.")
    if not 15 <= inp.max_age <= 100:
        raise FundingRefused("PROGRAMME.MAX_AGE", f"Usia maksimum harus 15 sampai 100: {inp.max_age}.")
    if inp.start.year < today.year:
        raise FundingRefused(
            "PROGRAMME.CLOSED_YEAR",
            f"Tahun anggaran {inp.start.year} sudah ditutup: program baru mulai paling awal 01/01/{today.year}.",
        )
    kinds_names = [(s.kind, s.name.casefold()) for s in inp.sponsors]
    if len(set(kinds_names)) != len(kinds_names):
        raise FundingRefused("SPONSOR.TWICE", "Sponsor yang sama disebut dua kali.")
    total = sum((s.share for s in inp.sponsors), Decimal(0))
    if inp.sponsors and total != HUNDRED:
        raise FundingRefused("SPONSOR.SHARES", f"Bagian para sponsor berjumlah {total}%, harus tepat 100%.")


def _sponsor(region: Region, share: SponsorShare, now: Any) -> Sponsor:
    found = Sponsor.objects.filter(region=region, kind=share.kind, name__iexact=share.name).first()
    return found or Sponsor.objects.create(region=region, kind=share.kind, name=share.name, created_at=now)


@transaction.atomic
def programme_create(*, actor: Any, inp: ProgrammeInput, today: date | None = None) -> Programme:
    """A programme in the actor's region; without sponsors, the region's APBD pays 100%."""
    today = today or timezone.localdate()
    _check(inp, today)
    region = Region.objects.filter(code=inp.region_code).first()
    if region is None or region.level > 2:
        raise FundingRefused("PROGRAMME.REGION", f"Wilayah {inp.region_code} bukan provinsi atau kabupaten/kota.")
    if actor is not None and not code_in_scope(actor, region.code):
        raise NotInScope(f"Wilayah dengan kode {region.code} tidak ditemukan.")
    now = timezone.now()
    programme = Programme.objects.create(
        region=region,
        name=" ".join(inp.name.split()),
        segment=inp.segment,
        package=inp.package,
        start=inp.start,
        months=inp.months,
        days=inp.days,
        wage=inp.wage,
        budget=inp.budget,
        max_age=inp.max_age,
        legal_basis=inp.legal_basis,
        agreement=inp.agreement,
        created_by=actor if getattr(actor, "pk", None) else None,
        created_at=now,
    )
    shares = inp.sponsors or (SponsorShare(SponsorKind.APBD, f"APBD {region.name}", HUNDRED),)
    ProgrammeSponsor.objects.bulk_create(
        ProgrammeSponsor(
            programme=programme,
            sponsor=_sponsor(region, share, now),
            share=share.share,
            wadah=DEFAULT_WADAH[SponsorKind(share.kind)],
        )
        for share in shares
    )
    audit_record(
        actor=actor,
        action="programme.create",
        obj=programme,
        region_code=region.code,
        summary={
            "name": programme.name,
            "segment": programme.segment,
            "start": programme.start.isoformat(),
            "months": programme.months,
            "days": programme.days,
            "sponsors": [f"{s.kind}:{s.name}:{s.share}" for s in shares],
        },
    )
    return programme


@dataclass(frozen=True)
class SponsorInput:
    region_code: str
    kind: str
    name: str
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""


@dataclass(frozen=True)
class BudgetLineInput:
    fiscal_year: int
    amount: Decimal
    reference: str = ""
    jkk_account: str = ""
    jkm_account: str = ""
    revision: str = Revision.MAIN


# A budget line is for this year, the next (the draft APBD) or a few past years being recorded late.
YEARS_BACK, YEARS_AHEAD = 5, 1


def _region_for_writes(actor: Any, code: str) -> Region:
    require_capability(actor, Cap.PROGRAMMES_EDIT)
    region = Region.objects.filter(code=code).first()
    if region is None or not code_in_scope(actor, region.code):
        raise NotInScope(f"Wilayah dengan kode {code} tidak ditemukan.")
    return region


@transaction.atomic
def sponsor_create(*, actor: Any, inp: SponsorInput) -> Sponsor:
    """A sponsor of the actor's region (a company's CSR, the DBHCHT account, a Baznas office)."""
    region = _region_for_writes(actor, inp.region_code)
    name = " ".join(inp.name.split())
    if not name:
        raise FundingRefused("SPONSOR.NAME", "Nama sponsor wajib diisi.")
    if inp.kind not in SponsorKind.values:
        raise FundingRefused("SPONSOR.KIND", f"Jenis sponsor {inp.kind!r} tidak dikenal.")
    if Sponsor.objects.filter(region=region, kind=inp.kind, name__iexact=name).exists():
        raise FundingRefused("SPONSOR.EXISTS", f"Sponsor {name} dengan jenis ini sudah tercatat di wilayah ini.")
    sponsor = Sponsor.objects.create(
        region=region,
        kind=inp.kind,
        name=name,
        contact_name=inp.contact_name.strip(),
        contact_phone=inp.contact_phone.strip(),
        contact_email=inp.contact_email.strip(),
        created_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="sponsor.create",
        obj=sponsor,
        region_code=region.code,
        summary={"name": sponsor.name, "kind": sponsor.kind},
    )
    return sponsor


@transaction.atomic
def budget_line_create(*, actor: Any, sponsor: Sponsor, inp: BudgetLineInput, today: date | None = None) -> BudgetLine:
    """One year's allocation of a sponsor (a DPA line), checked before the database's own guards."""
    _region_for_writes(actor, sponsor.region_id)
    today = today or timezone.localdate()
    if not today.year - YEARS_BACK <= inp.fiscal_year <= today.year + YEARS_AHEAD:
        raise FundingRefused(
            "BUDGET_LINE.YEAR",
            f"Tahun anggaran harus {today.year - YEARS_BACK} sampai {today.year + YEARS_AHEAD}: {inp.fiscal_year}.",
        )
    if not (inp.amount.is_finite() and 0 < inp.amount <= MAX_BUDGET) or inp.amount != inp.amount.to_integral_value():
        raise FundingRefused("BUDGET_LINE.AMOUNT", "Jumlah anggaran harus rupiah utuh lebih dari Rp0.")
    if inp.revision not in Revision.values:
        raise FundingRefused("BUDGET_LINE.REVISION", f"Tahap anggaran {inp.revision!r} tidak dikenal.")
    line = BudgetLine.objects.create(
        sponsor=sponsor,
        fiscal_year=inp.fiscal_year,
        amount=inp.amount,
        reference=inp.reference.strip(),
        jkk_account=inp.jkk_account.strip(),
        jkm_account=inp.jkm_account.strip(),
        revision=inp.revision,
        created_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="budget_line.create",
        obj=line,
        region_code=sponsor.region_id,
        summary={
            "sponsor": sponsor.name,
            "year": line.fiscal_year,
            "amount": str(line.amount),
            "reference": line.reference,
        },
    )
    return line
