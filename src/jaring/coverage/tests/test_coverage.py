"""Loading BPJS counts and denominators, indicator arithmetic by hand, the no-double-counting rule, the
aggregates, and the report's JSON."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from jaring.billing.run import billing_run
from jaring.coverage.indicators import Figure, region_figures
from jaring.coverage.loading import CoverageRefused, denominators_load, participants_load
from jaring.coverage.models import Aggregate, Denominator, ParticipantCount, RegionTarget
from jaring.coverage.refresh import coverage_refresh
from jaring.coverage.report import coverage_report

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)
D = Decimal


def _csv(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tegal_figures(tmp_path):
    # Kabupaten Tegal, October 2024, chosen to give the published 30.29% overall, PU 64.23%, BPU 12.39%.
    participants_load(
        actor=None,
        path=_csv(tmp_path, "p.csv", "region_code,month,segment,participants,source\n"
                  "33.28,2024-10,PU,128460,demo\n33.28,2024-10,BPU,123900,demo\n33.28,2024-10,JAKON,50540,demo\n"),
        today=TODAY,
    )  # fmt: skip
    denominators_load(
        actor=None,
        path=_csv(tmp_path, "d.csv", "region_code,period,kind,value,source\n33.28,2024,employed,1000000,demo\n"
                  "33.28,2024,formal,200000,demo\n33.28,2024,informal,1000000,demo\n"
                  "33.28,2024,potential_jakon,147133,demo\n"),
        today=TODAY,
    )  # fmt: skip


def _by_code(region: str, month: date) -> dict[str, Figure]:
    return {f.indicator.code: f for f in region_figures(region, month)}


def test_indicators_by_hand(tegal_figures):
    f = _by_code("33.28", date(2024, 10, 1))
    # UCJ: (128,460 + 123,900 + 50,540) / 1,000,000 = 0.3029; PMI has no row, so UCJ cannot count it...
    assert f["UCJ"].value is None  # ...and says "not available" rather than guess a PMI figure
    assert f["PU"].value == D("0.6423")  # 128,460 / 200,000
    assert f["BPU"].value == D("0.1239")  # 123,900 / 1,000,000
    assert f["JAKON_POTENTIAL"].value == D("0.3435")  # 50,540 / 147,133
    assert f["BPU_POTENTIAL"].value is None
    assert f["BPU_POTENTIAL"].as_json()["denominator"] is None
    assert f["PU"].as_json()["denominator_period"] == "2024"


def test_ucj_when_every_segment_is_known(tegal_figures, tmp_path):
    pmi = "region_code,month,segment,participants,source\n33.28,2024-10,PMI,0,demo\n"
    participants_load(actor=None, path=_csv(tmp_path, "pmi.csv", pmi), today=TODAY)
    ucj = _by_code("33.28", date(2024, 10, 1))["UCJ"]
    assert ucj.denominator is not None
    assert (ucj.value, ucj.numerator, ucj.denominator.value) == (D("0.3029"), 302_900, 1_000_000)
    # The national trajectory (no RPJMD target entered): none before 2025.
    assert ucj.target is None
    RegionTarget.objects.create(
        region_id="33.28", year=2024, value=D("0.35"), citation="RPJMD Tegal", created_at=timezone.now()
    )
    ucj = _by_code("33.28", date(2024, 10, 1))["UCJ"]
    assert (ucj.target, ucj.gap, ucj.category) == (D("0.35"), D("0.0471"), "Rendah")


def test_districts_add_up_to_the_regency(tmp_path):
    participants_load(
        actor=None,
        path=_csv(tmp_path, "p.csv", "region_code,month,segment,participants,source\n"
                  "33.28.01,2026-01,BPU,120,cabang\n33.28.02,2026-01,BPU,80,cabang\n33.28.01.2001,2026-01,BPU,999,x\n"),
        today=TODAY,
    )  # fmt: skip
    # The regency has no row of its own: its districts (not the village below them) are summed.
    assert _by_code("33.28", date(2026, 1, 1))["BPU"].numerator == 200


def test_sponsored_workers_are_shown_beside_bpjs_counts_never_added(tegal, tmp_path):
    billing_run(actor=None, month=date(2026, 1, 1), today=TODAY)
    coverage_refresh(actor=None, today=TODAY)
    bpjs = "region_code,month,segment,participants,source\n33.28,2026-01,BPU,50,cabang\n"
    participants_load(actor=None, path=_csv(tmp_path, "p.csv", bpjs), today=TODAY)
    f = _by_code("33.28", date(2026, 1, 1))
    assert f["SPONSORED"].numerator == 3
    assert f["BPU"].numerator == 50  # BPJS's count already holds the three active sponsored workers
    village = Aggregate.objects.get(region_code="33.28.01.2001", month=date(2026, 1, 1), segment="bpu")
    assert (village.sponsored, village.billed, village.billed_amount) == (3, 3, D(3 * 16_800))
    assert Aggregate.objects.get(region_code="", month=date(2026, 1, 1), segment="bpu").sponsored == 3


def test_bad_files_load_nothing(tmp_path):
    text = (
        "region_code,month,segment,participants,source\n"
        "99.99,2026-01,BPU,10,x\n"  # unknown region
        "33.28,2027-01,BPU,10,x\n"  # a month not yet here
        "33.28,2026-01,XYZ,-5,x\n"  # unknown segment, negative count
        "33.28,2026-02,PU,10,x\n33.28,2026-02,PU,11,x\n"  # the same row twice
    )
    with pytest.raises(CoverageRefused) as caught:
        participants_load(actor=None, path=_csv(tmp_path, "bad.csv", text), today=TODAY)
    rows = "\n".join(caught.value.rows)
    assert "baris 2: kode wilayah '99.99' tidak dikenal" in rows
    assert "baris 3: bulan 01/2027 belum terjadi" in rows
    assert "segmen 'XYZ' bukan PU, BPU, JAKON atau PMI" in rows
    assert "jumlah tidak boleh negatif" in rows
    assert "baris 5, 6: baris yang sama muncul lebih dari sekali" in rows
    assert not ParticipantCount.objects.exists()
    zero = "region_code,period,kind,value,source\n33.28,2024,employed,0,x\n"
    with pytest.raises(CoverageRefused) as caught:
        denominators_load(actor=None, path=_csv(tmp_path, "d.csv", zero), today=TODAY)
    assert "penyebut tidak boleh nol" in caught.value.rows[0]
    assert not Denominator.objects.exists()


def test_loading_again_replaces_the_same_rows(tmp_path):
    path = _csv(tmp_path, "p.csv", "region_code,month,segment,participants,source\n3328,2026-01,BPU,10,cabang\n")
    first = participants_load(actor=None, path=path, today=TODAY)
    path.write_text("region_code,month,segment,participants,source\n3328,2026-01,BPU,12,cabang\n")
    second = participants_load(actor=None, path=path, today=TODAY)
    assert (first.as_json(), second.as_json()) == (
        {"rows": 1, "created": 1, "replaced": 0},
        {"rows": 1, "created": 0, "replaced": 1},
    )
    assert list(ParticipantCount.objects.values_list("region_code", "participants")) == [("33.28", 12)]


def test_report_json_and_files(tegal_figures, tmp_path):
    report = coverage_report(
        region_code="33.28", month=date(2024, 10, 1), pdf=tmp_path / "r.pdf", xlsx=tmp_path / "r.xlsx", today=TODAY
    )
    body = report.as_json()
    assert (body["region"], body["month"]) == ("33.28", "2024-10")
    codes = [i["code"] for i in body["indicators"]]
    assert {"UCJ", "PU", "BPU", "PU_POTENTIAL", "BPU_POTENTIAL", "JAKON_POTENTIAL", "SPONSORED"} <= set(codes)
    pu = next(i for i in body["indicators"] if i["code"] == "PU")
    assert pu == {
        "code": "PU", "value": "0.6423", "numerator": 128460, "denominator": 200000, "denominator_kind": "formal",
        "denominator_period": "2024", "source": "demo; demo", "target": None, "gap": None,
    }  # fmt: skip
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "r.xlsx").stat().st_size > 0


def test_a_billing_run_queues_one_refresh_of_the_aggregates(tegal):
    from jaring.billing.run_jobs import billing_run_here
    from jaring.coverage.models import RefreshJob
    from jaring.jobs.worker import jobs_run_pending

    billing_run_here(actor=None, month=date(2026, 1, 1))
    billing_run_here(actor=None, month=date(2026, 2, 1))
    assert RefreshJob.objects.filter(status="queued").count() == 1  # one waiting refresh covers both runs
    assert not Aggregate.objects.exists()
    jobs_run_pending()
    assert RefreshJob.objects.get().status == "done"
    assert Aggregate.objects.get(region_code="33.28", month=date(2026, 1, 1), segment="bpu").billed == 3
