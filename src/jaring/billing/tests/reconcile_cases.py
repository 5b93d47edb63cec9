"""A paid cohort and a hand-made BPJS active list for the reconciliation tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from jaring.billing.payments import payment_record
from jaring.billing.run import billing_run
from jaring.billing.tests.cohort import enrol, sponsor

ON = date(2026, 4, 10)  # paid here = paid through at least 31/03/2026
NIK = [f"332801520390{i:04d}" for i in range(1, 7)]  # the cohort fixture's workers 1..6
BEKASI_NIK = "3216015203900007"
HEADER = "NIK;Nama;No KPJ;Status Peserta;Iuran Terakhir\n"


def paid_cohort(tegal, workers, bekasi_operator):
    """Workers 1, 2, 3, 5 and 6 members, January to March billed and paid; 1, 2, 5 carry a KPJ; worker 4 is in
    the registry but not a member; a Bekasi worker exists in the registry of another region."""
    from jaring.regions.models import Region
    from jaring.registry.services import WorkerInput, worker_register

    members = [*enrol(tegal, [workers[4], workers[5]])]
    for worker, kpj in ((workers[0], "11111111111"), (workers[1], "11111111112"), (workers[4], "11111111115")):
        tegal.memberships.filter(worker=worker).update(kpj=kpj)
    assert len(members) == 2
    for month in (1, 2, 3):
        billing_run(actor=None, month=date(2026, month, 1), today=date(2026, 4, 5))
    # 5 members x Rp 16.800 x 3 months, shared 60/30/10.
    for name, amount in (("Pemkab Tegal", 151_200), ("DBHCHT Tegal", 75_600), ("PT Tegal Makmur", 25_200)):
        payment_record(
            actor=None, sponsor=sponsor(name), amount=Decimal(amount), paid_on=date(2026, 4, 2), today=date(2026, 4, 5)
        )
    village = Region.objects.filter(level=4, code__startswith="32.16.").order_by("code")[0]
    worker_register(
        actor=bekasi_operator,
        data=WorkerInput(nik=BEKASI_NIK, name="Rahasia Bekasi", sex="F", village_code=village.code),
    )
    return tegal


def list_file(tmp_path: Path, body: str, name: str = "aktif.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body)
    return path


HAND_MADE = (
    f"{NIK[0]};Pekerja 1;11111111111;Aktif;03/2026\n"  # matched
    f"{NIK[1]};Pekerja 2;11111111112;AKTIF;31/01/2026\n"  # different: BPJS says paid to January
    f"{NIK[2]};Pekerja 3;11111111113;Non Aktif;31/12/2025\n"  # paid here, not active there
    f"{NIK[3]};Pekerja 4;11111111114;Aktif;2026-03-31\n"  # active there, not a member here (in our registry)
    f"{NIK[4]};Pekerja 5;11111111199;aktif;Maret 2026\n"  # different: another KPJ
    f"{BEKASI_NIK};Rahasia Bekasi;11111111117;Aktif;03/2026\n"  # active there; another region's worker
    "3328015203909999;Orang Lain;11111111118;Non Aktif;\n"  # neither: not active, not ours
)  # worker 6: a paid member absent from the list: paid here, not active there
