"""The demo's money path: Tegal's programme for the year (APBD and DBHCHT with a CSR co-sponsor), its plan,
an enrolled cohort, the registration file, BPJS's answer with a few rejections, and a small ad hoc cohort
of village-election officers that has already ended. Idempotent: a programme already there is kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import polars as pl
from django.conf import settings
from django.utils import timezone

from jaring.accounts.models import User
from jaring.demo.villages import MEN, SURNAMES
from jaring.enrolment.answer import answer_apply
from jaring.enrolment.exchange import registration_export
from jaring.enrolment.lifecycle import memberships_end_due
from jaring.enrolment.models import Membership, Status
from jaring.enrolment.services import cohort_enrol
from jaring.funding.models import BudgetLine, Programme, ProgrammeSponsor, VillageQuota
from jaring.funding.services import ProgrammeInput, SponsorShare, programme_create

# Three in a hundred of the cohort come back "T", with the reasons BPJS gives most (field notes).
REJECTIONS = (
    "NIK tidak ditemukan di Dukcapil",
    "Usia melebihi batas kepesertaan",
    "Sudah terdaftar sebagai peserta aktif",
)
MAIN_WORKERS = 2_500
ADHOC_WORKERS = 120


@dataclass(frozen=True)
class DemoProgramme:
    name: str
    summary: dict[str, object]


def _folder() -> Path:
    folder = Path(settings.VAR_DIR) / "demo" / "bpjs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _answer_file(programme: Programme, path: Path, *, reject_every: int) -> Path:
    """BPJS's answer as a branch sends it: NIK, Nama, Status, Keterangan, KPJ."""
    rows = (
        Membership.objects.filter(programme=programme, status=Status.SUBMITTED)
        .order_by("id")
        .values_list("worker__nik", "worker__name")
    )
    data = []
    for i, (nik, name) in enumerate(rows):
        refused = bool(reject_every) and i % reject_every == 7
        reason = REJECTIONS[(i // max(reject_every, 1)) % len(REJECTIONS)] if refused else ""
        kpj = "" if refused else f"{26000000000 + programme.pk * 100000 + i:011d}"
        data.append({"NIK": nik, "Nama": name, "Status": "T" if refused else "Y", "Keterangan": reason, "KPJ": kpj})
    pl.DataFrame(data, schema=dict.fromkeys(["NIK", "Nama", "Status", "Keterangan", "KPJ"], pl.String)).write_excel(
        path, worksheet="Hasil Verifikasi"
    )
    return path


def _run(programme: Programme, *, reject_every: int) -> dict[str, object]:
    cohort = cohort_enrol(actor=None, programme=programme)
    folder = _folder()
    exported = registration_export(actor=None, programme=programme, path=folder / f"pendaftaran-{programme.pk}.xlsx")
    answer = _answer_file(programme, folder / f"jawaban-bpjs-{programme.pk}.xlsx", reject_every=reject_every)
    applied = answer_apply(actor=None, programme=programme, path=answer)
    return {"cohort": cohort.as_json(), "exported": exported.rows, "answer": applied.as_json()}


def _kpps_roster(path: Path, source: str) -> None:
    """The village-election committee's roster as the KPU office sends it: mostly people already in the
    registry (left out of the year's programme by its budget), some new; imported like any list."""
    from jaring.imports.jobs import import_job_run_here
    from jaring.registry.models import Worker

    funded = Membership.objects.exclude(status=Status.CANCELLED).values("worker_id")
    known = (
        Worker.objects.filter(village__code__startswith="33.28.", birth_date__isnull=False)
        .exclude(id__in=funded)
        .order_by("-id")
        .values_list("nik", "name", "sex", "birth_date", "village_id")[: ADHOC_WORKERS - ADHOC_WORKERS // 6]
    )
    lines = ["NIK;Nama;JK;Tgl Lahir;Kode Desa;Jabatan"]
    lines += [
        f"{n};{name};{'P' if sex == 'F' else 'L'};{born:%d/%m/%Y};{v};Anggota KPPS" for n, name, sex, born, v in known
    ]
    existing = set(Worker.objects.filter(nik__startswith="33280101").values_list("nik", flat=True))
    serial = 9500
    while len(lines) < ADHOC_WORKERS + 1:
        serial += 1
        year = 1985 + serial % 20
        nik = f"3328011708{year % 100:02d}{serial:04d}"
        if nik not in existing:
            name = f"{MEN[serial % len(MEN)]} {SURNAMES[(serial // len(MEN)) % len(SURNAMES)]}".strip()
            lines.append(f"{nik};{name};L;17/08/{year};33.28.01.2001;Anggota KPPS")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    operator = User.objects.get(username="operator.tegal")
    import_job_run_here(actor=operator, path=path, scope="33.28", source=source)


def demo_programmes(today: date | None = None) -> list[DemoProgramme]:
    today = today or timezone.localdate()
    year = today.year
    results = []
    name = f"Perlindungan Pekerja Rentan Kabupaten Tegal {year}"
    if not Programme.objects.filter(name=name).exists():
        sponsors = (
            SponsorShare("apbd", "APBD Kabupaten Tegal", Decimal(60)),
            SponsorShare("dbhcht", "DBHCHT Kabupaten Tegal", Decimal(30)),
            SponsorShare("csr", "PT Tegal Makmur Logam", Decimal(10)),
        )
        programme = programme_create(
            actor=None,
            inp=ProgrammeInput(
                region_code="33.28",
                name=name,
                segment="bpu",
                start=date(year, 1, 1),
                months=12,
                budget=Decimal(MAIN_WORKERS * 16_800 * 12),
                legal_basis=f"Perbup Tegal Nomor 12 Tahun {year}",
                agreement=f"PKS 560/{year}/BPJSTK-TGL",
                sponsors=sponsors,
            ),
            today=today,
        )
        for share in ProgrammeSponsor.objects.filter(programme=programme).select_related("sponsor"):
            BudgetLine.objects.create(
                sponsor=share.sponsor,
                fiscal_year=year,
                amount=Decimal(MAIN_WORKERS * 16_800 * 12) * share.share / 100,
                reference=f"DPA {share.sponsor.kind.upper()} 2.07.01/{year}",
                created_at=timezone.now(),
            )
        # The CSR officer persona speaks for the company: it sees this programme and nothing else.
        csr = ProgrammeSponsor.objects.get(programme=programme, sponsor__kind="csr").sponsor
        csr.members.add(*User.objects.filter(username="csr.tegalmakmur"))
        # The village meeting of Prupuk Selatan asked for at least 150 of its workers.
        VillageQuota.objects.create(programme=programme, village_id="33.28.01.2001", minimum=150)
        results.append(DemoProgramme(name, _run(programme, reject_every=33)))
    adhoc_name = f"Petugas KPPS Pilkades Serentak Kabupaten Tegal {year}"
    if not Programme.objects.filter(name=adhoc_name).exists():
        roster_source = f"Daftar KPPS Pilkades {year}"
        _kpps_roster(_folder() / f"daftar-kpps-{year}.csv", roster_source)
        adhoc = programme_create(
            actor=None,
            inp=ProgrammeInput(
                region_code="33.28",
                name=adhoc_name,
                segment="adhoc",
                start=date(year, 10, 1),
                days=30,
                budget=Decimal(ADHOC_WORKERS * 16_800),
                legal_basis=f"SK Bupati Tegal tentang Pilkades Serentak {year}",
            ),
            today=date(year, 1, 1),
        )
        Programme.objects.filter(pk=adhoc.pk).update(sources=[roster_source])
        adhoc.refresh_from_db()
        results.append(DemoProgramme(adhoc_name, _run(adhoc, reject_every=0)))
        memberships_end_due(today=today)
    return results
