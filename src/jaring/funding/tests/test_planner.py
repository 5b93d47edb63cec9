"""The planner: eligibility, priority, village quotas, the budget cut, and what is said of those left out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import polars as pl
import pytest

from jaring.funding.models import VillageQuota
from jaring.funding.planner import SCHEMA, Quota, WhatIf, plan_programme
from jaring.funding.services import ProgrammeInput, programme_create
from jaring.registry.occupations import occupations_load
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)
START = date(2027, 1, 1)
A, B = "33.28.01.2001", "33.28.01.2002"


def _programme(**changes):
    values: dict[str, object] = {"region_code": "33.28", "name": "Pekerja Rentan 2027", "segment": "bpu"}
    values |= {"start": START, "months": 12}
    return programme_create(actor=None, inp=ProgrammeInput(**(values | changes)), today=TODAY)  # type: ignore[arg-type]


def _frame(rows: list[tuple[object, ...]]) -> pl.DataFrame:
    """worker_id, village, birth date, occupation, risk class, segment, decile."""
    return pl.DataFrame(rows, schema=SCHEMA | {"birth_date": pl.Date}, orient="row")


def test_age_65_on_the_start_date_is_in_and_66_is_out():
    frame = _frame(
        [
            (1, A, date(1962, 1, 1), None, None, None, None),  # turns 65 on 01/01/2027
            (2, A, date(1961, 1, 2), None, None, None, None),  # 65, turns 66 the day after
            (3, A, date(1961, 1, 1), None, None, None, None),  # turns 66 on the start date
            (4, A, None, None, None, None, None),
        ]
    )
    plan = plan_programme(_programme(), frame=frame)
    assert plan.selected["worker_id"].to_list() == [1, 2]
    assert dict(plan.left_out.select("worker_id", "reason").iter_rows()) == {3: "AGE.OVER_MAX", 4: "AGE.UNKNOWN"}


def test_priority_poorest_first_then_riskiest_then_oldest_registration_and_the_budget_cut():
    frame = _frame(
        [
            (10, A, date(1980, 1, 1), "petani", "sedang", "bpu", 3),
            (11, A, date(1980, 1, 1), "nelayan", "sangat-tinggi", "bpu", 3),
            (12, A, date(1980, 1, 1), "petani", "sedang", "bpu", 1),
            (13, A, date(1980, 1, 1), "petani", "sedang", "bpu", None),  # a missing decile comes last
            (14, A, date(1980, 1, 1), "petani", "sedang", "bpu", 3),
        ]
    )
    # Rp16.800 × 12 = Rp201.600 a worker (APBD: no PP 50/2025 discount): a budget for three and a bit.
    plan = plan_programme(_programme(budget=Decimal(201_600 * 3 + 100)), frame=frame)
    assert plan.selected["worker_id"].to_list() == [12, 11, 10]
    assert plan.as_json() == {
        "workers": 3,
        "months": 12,
        "monthly_cost": "50400",
        "cost": "604800",
        "unspent": "100",
        "left_out": {"BUDGET.EXHAUSTED": 2},
    }


def test_quota_exactly_reached_and_a_villages_minimum_served_first():
    frame = _frame([(i, A, date(1980, 1, 1), None, None, None, 1) for i in range(1, 6)])
    frame = pl.concat([frame, _frame([(i, B, date(1980, 1, 1), None, None, None, 2) for i in range(6, 9)])])
    quotas = {A: Quota(maximum=3), B: Quota(minimum=2)}
    plan = plan_programme(_programme(budget=Decimal(201_600 * 4)), frame=frame, what_if=WhatIf(quotas=quotas))
    # B's two come first by its minimum, then the poorer A in order, up to A's maximum of three.
    assert sorted(plan.selected["worker_id"].to_list()) == [1, 2, 6, 7]
    assert plan.left_out_counts() == {"QUOTA.FULL": 2, "BUDGET.EXHAUSTED": 2}


def test_deciles_segments_and_occupations_of_the_programme():
    frame = _frame(
        [
            (1, A, date(1980, 1, 1), "petani", "sedang", "bpu", 1),
            (2, A, date(1980, 1, 1), "guru-honorer", "sangat-rendah", "pu", 1),
            (3, A, date(1980, 1, 1), "nelayan", "sangat-tinggi", "bpu", 1),
            (4, A, date(1980, 1, 1), "petani", "sedang", "bpu", None),
            (5, A, date(1980, 1, 1), "petani", "sedang", "bpu", 2),
        ]
    )
    programme = _programme()
    programme.occupations, programme.deciles = ["petani"], [1, 2]
    plan = plan_programme(programme, frame=frame, covered=[5])
    assert plan.selected["worker_id"].to_list() == [1]
    assert plan.left_out_counts() == {
        "SEGMENT.OTHER": 1,
        "OCCUPATION.NOT_COVERED": 1,
        "DECILE.NOT_COVERED": 1,
        "COVERED.ALREADY": 1,
    }


def test_what_if_months_and_package_answer_without_saving():
    frame = _frame([(1, A, date(1980, 1, 1), None, None, None, 1)])
    programme = _programme(budget=Decimal(10_000_000))
    plan = plan_programme(programme, frame=frame, what_if=WhatIf(months=6, package="bpu-jht"))
    assert (plan.months, plan.per_worker_months[0]) == (6, Decimal(36_800))
    programme.refresh_from_db()
    assert (programme.months, programme.package) == (12, "bpu-basic")


def test_from_the_registry_with_saved_quotas(tegal_operator):
    occupations_load()
    for i, (village, born) in enumerate([(A, date(1970, 5, 1)), (A, date(1950, 5, 1)), (B, date(1990, 5, 1))]):
        nik = f"33280152039{i + 1:05d}"
        data = WorkerInput(nik=nik, name=f"Siti {i}", sex="F", village_code=village, birth_date=born)
        worker_register(actor=tegal_operator, data=data)
    programme = _programme()
    VillageQuota.objects.create(programme=programme, village_id=B, maximum=0)
    plan = plan_programme(programme)
    assert plan.workers == 1
    assert plan.left_out_counts() == {"AGE.OVER_MAX": 1, "QUOTA.FULL": 1}


def test_an_ad_hoc_cohort_takes_only_the_rosters_workers():
    frame = _frame([(1, A, date(1980, 1, 1), None, None, None, None), (2, A, date(1980, 1, 1), None, None, None, None)])
    programme = _programme(segment="adhoc", months=None, days=30)
    programme.sources = ["Daftar KPPS KPU 2027"]
    plan = plan_programme(programme, frame=frame, roster=[1])
    assert plan.selected["worker_id"].to_list() == [1]
    assert plan.left_out_counts() == {"SOURCE.NOT_COVERED": 1}


def test_a_roster_imported_through_the_import_path_becomes_the_ad_hoc_candidates(tegal_operator, tmp_path):
    from jaring.funding.planner import roster_worker_ids
    from jaring.imports.services import import_workers

    header = "NIK;Nama;JK;Tgl Lahir;Kode Desa\n"
    musdes = tmp_path / "musdes.csv"
    musdes.write_text(header + "3328015203900001;Siti Aminah;P;12/03/1990;33.28.01.2001\n", encoding="utf-8")
    import_workers(actor=tegal_operator, path=musdes, scope_code="33.28", source="Musdes 2027")
    roster = tmp_path / "kpps.csv"
    roster.write_text(
        header + "3328015203900001;Siti Aminah;P;12/03/1990;33.28.01.2001\n"
        "3328014508920002;Dewi Lestari;P;05/08/1992;33.28.01.2001\n",
        encoding="utf-8",
    )
    import_workers(actor=tegal_operator, path=roster, scope_code="33.28", source="Daftar KPPS KPU 2027")
    # Siti came first through the village list (her source stays "Musdes"), and is on the roster too.
    assert len(roster_worker_ids(["Daftar KPPS KPU 2027"])) == 2
    assert len(roster_worker_ids(["Musdes 2027"])) == 1
