"""The demo's money cycle for the year so far: every month of Tegal's programme billed and paid the way
the field notes say it goes, and two village cohorts funded from their APBDes.

- The APBD cannot pay until its budget is executable: January to March are paid together on 10 April
  (the January gap), then monthly; October is paid late, on 25 November.
- The DBHCHT share is billed and paid in 3-month tranches; the CSR company pays monthly on the 5th.
- Desa Prupuk Selatan's cohort (from June) stops paying after July: its members lapse in November.
- A second village pays until August and is in arrears since.
- The programme ends on 31 December with no programme for next year yet: the January gap alert.

Idempotent: a year already billed is left as it is.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max
from django.utils import timezone

from jaring.accounts.personas import TEGAL_VILLAGE
from jaring.billing.allocation import sponsor_arrears
from jaring.billing.models import Bill, BillLine
from jaring.billing.payments import payment_record
from jaring.billing.proof import proof_root
from jaring.billing.reconcile import member_amounts
from jaring.billing.run import billing_run
from jaring.enrolment.models import Membership, Status
from jaring.funding.models import Programme, Sponsor, SponsorKind
from jaring.funding.services import ProgrammeInput, SponsorShare, programme_create
from jaring.registry.models import Worker

VILLAGE_WORKERS = 40


def _village_programme(year: int, village: str, village_name: str, start: date, workers: int) -> Programme | None:
    name = f"Perlindungan Pekerja Rentan Desa {village_name} {year}"
    if Programme.objects.filter(name=name).exists():
        return None
    sponsor_name = f"APBDes {village_name}"
    programme = programme_create(
        actor=None,
        inp=ProgrammeInput(
            region_code=village[:5],
            name=name,
            segment="bpu",
            start=start,
            months=13 - start.month,
            legal_basis=f"Perdes {village_name} Nomor 3 Tahun {year}",
            sponsors=(SponsorShare(SponsorKind.APBDES, sponsor_name, Decimal(100)),),
        ),
        today=date(year, 1, 1),
    )
    Sponsor.objects.filter(name=sponsor_name).update(region_id=village)
    funded = Membership.objects.exclude(status=Status.CANCELLED).values("worker_id")
    chosen = (
        Worker.objects.filter(village_id=village, birth_date__gt=date(year - 60, 1, 1))
        .exclude(id__in=funded)
        .order_by("id")[:workers]
    )
    now = timezone.now()
    Membership.objects.bulk_create(
        Membership(
            worker=w,
            programme=programme,
            start=start,
            end=date(year, 12, 31),
            status=Status.ACTIVE,
            kpj=f"{27000000000 + programme.pk * 10000 + i:011d}",
            created_at=now,
            updated_at=now,
        )
        for i, w in enumerate(chosen)
    )
    return programme


def _second_village(first: str) -> tuple[str, str]:
    from jaring.regions.models import Region

    busiest = (
        Worker.objects.filter(village__code__startswith="33.28.")
        .exclude(village_id=first)
        .values("village_id")
        .annotate(n=Count("id"))
        .order_by("-n", "village_id")
        .first()
    )
    code = busiest["village_id"] if busiest else first
    return code, str(Region.objects.get(code=code).name).title()


def _events(year: int, today: date) -> list[tuple[date, str, Any]]:
    """(day, what, whom) in the order they happened."""
    events: list[tuple[date, str, Any]] = []
    for month in range(1, today.month + 1):
        events.append((min(date(year, month, 20), today), "run", date(year, month, 1)))
    apbd = [date(year, 4, 10)] + [date(year, m, 10) for m in range(5, 13) if m != 11] + [date(year, 11, 25)]
    events += [(d, "pay", "APBD Kabupaten Tegal") for d in apbd]
    events += [(date(year, m, 10), "pay", "DBHCHT Kabupaten Tegal") for m in (2, 5, 8, 11)]
    events += [(date(year, m, 5), "pay", "PT Tegal Makmur Logam") for m in range(2, 13)]
    events += [(date(year, m, 10), "pay", "village-a") for m in (7, 8)]
    events += [(date(year, m, 10), "pay", "village-b") for m in range(2, 10)]
    return sorted((e for e in events if e[0] <= today), key=lambda e: (e[0], e[1] != "run"))


def _proof(reference: str, amount: Decimal) -> str:
    """A one-page PDF standing in for the scanned SP2D, stored as an uploaded proof is (0600 under var/)."""
    import os

    text = f"Bukti bayar {reference} - Rp {int(amount):,}".replace(",", ".")
    stream = f"BT /F1 14 Tf 60 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    name = f"demo-sp2d-{reference.split()[-1].replace('/', '-')}.pdf"
    fd = os.open(proof_root() / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(body)
    return name


def demo_billing(today: date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    year = today.year
    if Bill.objects.filter(month__year=year).exists():
        return {}
    village_a = _village_programme(year, TEGAL_VILLAGE, "Prupuk Selatan", date(year, 6, 1), VILLAGE_WORKERS)
    code_b, name_b = _second_village(TEGAL_VILLAGE)
    village_b = _village_programme(year, code_b, name_b, date(year, 1, 1), VILLAGE_WORKERS * 3 // 4)
    # The DBHCHT share arrives in tranches of three months.
    Sponsor.objects.filter(name="DBHCHT Kabupaten Tegal").update(bill_months=3)
    payers = {
        "village-a": "APBDes Prupuk Selatan",
        "village-b": f"APBDes {name_b}",
    }
    runs = payments = lapsed = 0
    for day, what, whom in _events(year, today):
        if what == "run":
            result = billing_run(actor=None, month=whom, today=day)
            runs += 1
            lapsed += result.lapsed
            continue
        sponsor = Sponsor.objects.filter(name=payers.get(whom, whom)).first()
        if sponsor is None:
            continue
        owed = sponsor_arrears(sponsor)
        if owed > 0:
            reference = f"SP2D {day:%Y%m%d}/{sponsor.pk}"
            # The January gap's payment comes with its scanned SP2D as proof (downloadable on the page).
            proof = _proof(reference, owed) if (whom, day.month) == ("APBD Kabupaten Tegal", 4) else ""
            payment_record(
                actor=None, sponsor=sponsor, amount=owed, paid_on=day, reference=reference, sp2d_number=reference,
                sp2d_date=day, kode_iuran=f"{sponsor.pk:04d}{day:%m%y}", proof=proof, today=today,
            )  # fmt: skip
            payments += 1
    reconciled = _reconcile(year, today)
    return {
        "runs": runs,
        "payments": payments,
        "lapsed": lapsed,
        "villages": [p.name for p in (village_a, village_b) if p is not None],
        "reconciliation": reconciled,
    }


def _reconcile(year: int, today: date) -> dict[str, int]:
    """BPJS's active list of Tegal's programme as of 15 September, as the branch sends it: most members active
    and paid through August as here, with a handful of differences (three non-active, two paid through July
    only, one whose monthly iuran BPJS has higher, two workers active at BPJS whom the programme does not
    fund)."""
    from pathlib import Path

    from django.conf import settings

    from jaring.billing.reconcile_jobs import reconciliation_run_here

    programme = Programme.objects.filter(name=f"Perlindungan Pekerja Rentan Kabupaten Tegal {year}").first()
    on = date(year, 9, 15)
    if programme is None or today < on:
        return {}
    members = list(
        Membership.objects.filter(programme=programme, status=Status.ACTIVE)
        .order_by("pk")
        .values_list("worker__nik", "worker__name", "kpj")
    )
    # BPJS's list carries each member's monthly iuran: ours from the latest billed month, but for one member
    # whose iuran BPJS has at Rp 4.000 more (a wrong income band there).
    billed = BillLine.objects.filter(membership__programme=programme, kind="i").aggregate(m=Max("month"))["m"]
    iuran = dict(member_amounts(programme, billed).iter_rows())
    ids = list(Membership.objects.filter(programme=programme, status=Status.ACTIVE).order_by("pk").values_list("pk"))
    lines = ["NIK;Nama;No KPJ;Status Peserta;Iuran Terakhir;Iuran"]
    for i, ((nik, name, kpj), (pk,)) in enumerate(zip(members, ids, strict=True)):
        status = "Non Aktif" if i in (5, 50, 100) else "Aktif"
        paid = f"07/{year}" if i in (7, 70) else f"08/{year}"
        amount = iuran.get(pk, 0) + (4000 if i == 9 else 0)
        lines.append(f"{nik};{name};{kpj};{status};{paid};Rp {amount:,}".replace(",", "."))
    funded = Membership.objects.exclude(status=Status.CANCELLED).values("worker_id")
    others = Worker.objects.filter(village__code__startswith="33.28.").exclude(id__in=funded).order_by("id")[:2]
    lines += [f"{w.nik};{w.name};;Aktif;08/{year};" for w in others]
    folder = Path(settings.VAR_DIR) / "demo" / "bpjs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"daftar-peserta-aktif-{programme.pk}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = reconciliation_run_here(programme=programme, path=path, on=on)
    return {k: int(v) for k, v in run.summary.items() if isinstance(v, int)}
