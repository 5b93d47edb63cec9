"""Reconciliation with BPJS's active participant list: the four categories on a hand-made list, refusal of a
malformed or partial list with nothing written, a rerun and scope."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest

from jaring.billing.models_reconcile import ReconciliationRow, ReconciliationRun
from jaring.billing.reconcile_files import matched_path, matched_read
from jaring.billing.reconcile_jobs import list_path, reconciliation_run_here
from jaring.billing.reconcile_list import ListRefused, list_read
from jaring.billing.reconcile_selectors import finding_rows
from jaring.billing.tests.reconcile_cases import BEKASI_NIK, HAND_MADE, NIK, ON, list_file, paid_cohort
from jaring.jobs.models import JobStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(tegal, workers, bekasi_operator):
    return paid_cohort(tegal, workers, bekasi_operator)


def _run(programme, path: Path) -> ReconciliationRun:
    return reconciliation_run_here(programme=programme, path=path, on=ON)


def test_four_categories_on_a_hand_madelist_file(paid, tmp_path):
    run = _run(paid, list_file(tmp_path, HAND_MADE))
    assert run.status == JobStatus.DONE, run.error
    assert run.counts() == {"rows": 7, "matched": 1, "paid_not_active": 2, "active_not_paid": 2, "different": 2}
    found = {r.nik: r for r in ReconciliationRow.objects.filter(run=run)}
    assert {nik: r.category for nik, r in found.items()} == {
        NIK[1]: "different", NIK[2]: "paid_not_active", NIK[3]: "active_not_paid",
        NIK[4]: "different", BEKASI_NIK: "active_not_paid", NIK[5]: "paid_not_active",
    }  # fmt: skip
    # The matched findings are kept in the run's own file, owner-only, not as rows.
    matched = matched_read(str(run.pk))
    assert matched is not None
    assert matched.select("nik", "category", "paid_until_bpjs", "paid_through_here", "months_apart").rows() == [
        (NIK[0], "matched", date(2026, 3, 31), date(2026, 3, 31), 0)
    ]
    assert stat.S_IMODE(matched_path(str(run.pk)).stat().st_mode) == 0o600
    shown = finding_rows(run, "matched")
    expected = [("332801******0001", "Pekerja 1", "11111111111")]
    assert [(r["nik_masked"], r["name"], r["kpj_here"]) for r in shown] == expected
    assert (found[NIK[1]].months_apart, found[NIK[1]].kpj_differs) == (2, False)
    assert (found[NIK[4]].months_apart, found[NIK[4]].kpj_differs, found[NIK[4]].kpj_here) == (0, True, "11111111115")
    absent = found[NIK[5]]
    assert (absent.row, absent.bpjs_active, absent.membership_id is not None) == (None, None, True)
    assert (found[NIK[3]].worker_id is not None, found[NIK[3]].membership_id) == (True, None)
    stored = list_path(run)
    assert stored is not None
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600


def test_paid_through_is_billing_s_own(tegal, workers):
    """The members' paid-through, aggregated in the database, equals billing.status.member_paid_through."""
    from decimal import Decimal

    from jaring.billing.payments import payment_record
    from jaring.billing.reconcile import programme_members
    from jaring.billing.run import billing_run
    from jaring.billing.status import member_paid_through
    from jaring.billing.tests.cohort import enrol, sponsor

    enrol(tegal, [workers[3]], end=date(2026, 2, 14))  # ends mid-February: capped there
    enrol(tegal, [workers[4]], start=date(2026, 6, 1))  # nothing billed yet
    for month in (1, 2, 3):
        billing_run(actor=None, month=date(2026, month, 1), today=date(2026, 3, 20))
    # January and February in full (four members each month): 8 x Rp 16.800 shared 60/30/10.
    for name, amount in (("Pemkab Tegal", 80_640), ("DBHCHT Tegal", 40_320), ("PT Tegal Makmur", 13_440)):
        payment_record(
            actor=None, sponsor=sponsor(name), amount=Decimal(amount), paid_on=date(2026, 4, 2),
            today=date(2026, 4, 5),
        )  # fmt: skip
    for on in (date(2026, 3, 1), date(2026, 4, 10)):
        ours = dict(programme_members(tegal, on).select("membership_id", "paid_through_here").iter_rows())
        theirs = dict(member_paid_through(tegal, on).iter_rows())
        assert ours == {m: theirs.get(m) for m in ours}
        assert len(ours) == 5
    assert sorted(ours.values(), key=str) == [date(2026, 2, 14), *[date(2026, 2, 28)] * 3, None]


def test_a_lapsed_month_is_not_paid_here(paid, tmp_path):
    # On 10 May, April (billed or not) is not paid: every member falls out of "paid here".
    run = reconciliation_run_here(programme=paid, path=list_file(tmp_path, HAND_MADE), on=date(2026, 5, 10))
    assert run.counts() == {"rows": 7, "matched": 0, "paid_not_active": 0, "active_not_paid": 5, "different": 0}


def test_another_regions_worker_is_only_not_found_here(paid, tmp_path):
    run = _run(paid, list_file(tmp_path, HAND_MADE))
    outsider = ReconciliationRow.objects.get(run=run, nik=BEKASI_NIK)
    # Exactly like a NIK nobody knows: no worker, no membership, nothing to name.
    assert (outsider.worker_id, outsider.membership_id) == (None, None)
    shown = {r["nik_masked"]: r for r in finding_rows(run, "active_not_paid")}
    assert shown["321601******0007"]["name"] == ""
    assert shown["332801******0004"]["name"] == "Pekerja 4"


@pytest.mark.parametrize(
    ("body", "code", "rule"),
    [
        (
            f"{NIK[0]};A;11111111111;Aktif;03/2026\n33280152039;B;11111111112;Aktif;03/2026\n",
            "FILE.BAD_ROWS",
            "NIK.FORMAT",
        ),
        (
            f"{NIK[0]};A;11111111111;Aktif;03/2026\n{NIK[0]};A;11111111111;Aktif;03/2026\n",
            "FILE.BAD_ROWS",
            "NIK.REPEATED",
        ),
        (f"{NIK[0]};A;11111111111;Aktif;31/02/2026\n", "FILE.BAD_ROWS", "PAID_UNTIL.FORMAT"),
        (f"{NIK[0]};A;11111111111;Aktif;\n", "FILE.BAD_ROWS", "PAID_UNTIL.EMPTY"),
        (f"{NIK[0]};A;11111111111;Mungkin;03/2026\n", "FILE.BAD_ROWS", "STATUS.UNKNOWN"),
        (f"{NIK[0]};A;1111;Aktif;03/2026\n", "FILE.BAD_ROWS", "KPJ.FORMAT"),
        (f"{NIK[0]};A;11111111111;Aktif;03/2031\n", "FILE.BAD_ROWS", "PAID_UNTIL.RANGE"),
    ],
)
def test_a_malformed_list_is_refused_whole_and_nothing_is_written(paid, tmp_path, body, code, rule):
    run = _run(paid, list_file(tmp_path, body))
    assert run.status == JobStatus.FAILED
    assert "tidak ada yang disimpan" in run.error
    assert run.summary["refused"] == code
    assert rule in run.summary["errors_by_rule"]
    assert all(message for _, _, message in run.summary["problems"])
    assert not ReconciliationRow.objects.exists()
    assert run.rows is None


def test_a_partial_list_without_a_column_is_refused(paid, tmp_path):
    path = tmp_path / "sebagian.csv"
    path.write_text(f"NIK;KPJ;Status\n{NIK[0]};11111111111;Aktif\n")
    run = _run(paid, path)
    assert (run.status, run.summary["refused"]) == (JobStatus.FAILED, "FILE.MISSING_COLUMNS")
    assert "Iuran Terakhir" in run.error
    assert not ReconciliationRow.objects.exists()


def test_lenient_headers_and_an_xlsxlist_file(paid, tmp_path):
    import xlsxwriter

    path = tmp_path / "aktif.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["DAFTAR PESERTA AKTIF BPJS KETENAGAKERJAAN"])
    sheet.write_row(2, 0, ["No", "nik ktp", "NOMOR KARTU", "STATUS", "Dibayar sampai"])
    sheet.write_row(3, 0, ["1", NIK[0], "11111111111", "AKTIF"])
    sheet.write_datetime(
        3, 4, __import__("datetime").datetime(2026, 3, 31), book.add_format({"num_format": "dd/mm/yyyy"})
    )
    book.close()
    listing = list_read(path, reference=ON)
    assert listing.frame.rows() == [(4, NIK[0], "11111111111", True, date(2026, 3, 31), None)]


def test_a_rerun_is_a_new_run_with_the_same_counts(paid, tmp_path):
    first = _run(paid, list_file(tmp_path, HAND_MADE))
    second = _run(paid, list_file(tmp_path, HAND_MADE))
    assert first.pk != second.pk
    assert first.counts() == second.counts()
    assert (
        ReconciliationRow.objects.filter(run=first).count() == ReconciliationRow.objects.filter(run=second).count() == 6
    )
    assert [len(finding_rows(run, "matched")) for run in (first, second)] == [1, 1]


def test_list_read_refuses_an_unreadable_header(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Nama;Alamat\nSiti;Tegal\n")
    with pytest.raises(ListRefused) as caught:
        list_read(path, reference=ON)
    assert caught.value.code == "FILE.NO_HEADER"


def test_the_monthly_iuran_is_compared_when_bpjs_lists_it(paid, tmp_path):
    """Rp 16.800 a month is billed here for each member (BPU basic); BPJS lists 16.800 for worker 1 (matched) and
    Rp 20.800 for worker 6 (different, with both amounts in the note)."""
    path = tmp_path / "aktif-iuran.csv"
    path.write_text(
        "NIK;KPJ;Status;Iuran Terakhir;Nominal Iuran\n"
        f"{NIK[0]};11111111111;Aktif;03/2026;Rp 16.800\n"
        f"{NIK[5]};;Aktif;03/2026;20800\n"
    )
    run = _run(paid, path)
    assert run.status == JobStatus.DONE, run.error
    assert (run.matched, run.different) == (1, 1)
    row = ReconciliationRow.objects.get(run=run, category="different")
    assert (row.nik, row.amount_bpjs, row.amount_here, row.months_apart) == (NIK[5], 20_800, 16_800, 0)
    (shown,) = finding_rows(run, "different")
    assert "Iuran per bulan berbeda (BPJS Rp 20.800, di sini Rp 16.800)" in shown["note"]


def test_an_unreadable_amount_refuses_the_list(paid, tmp_path):
    path = tmp_path / "aktif-iuran.csv"
    path.write_text(f"NIK;KPJ;Status;Iuran Terakhir;Iuran\n{NIK[0]};11111111111;Aktif;03/2026;enam belas ribu\n")
    run = _run(paid, path)
    assert (run.status, run.summary["refused"]) == (JobStatus.FAILED, "FILE.BAD_ROWS")
    assert run.summary["errors_by_rule"] == {"AMOUNT.FORMAT": 1}
    assert not ReconciliationRow.objects.exists()


def test_a_kpj_on_two_niks_is_refused(paid, tmp_path):
    body = f"{NIK[0]};A;11111111111;Aktif;03/2026\n{NIK[1]};B;11111111111;Aktif;03/2026\n"
    run = _run(paid, list_file(tmp_path, body))
    assert run.summary["errors_by_rule"] == {"KPJ.REPEATED": 2}


def test_the_iuran_column_is_read_as_typed_rupiah():
    import polars as pl

    from jaring.billing.reconcile_list import amount_expr

    typed = pl.Series("a", ["16800", "16.800", "16,800", "Rp. 16.800", "16.800,-", "Rp 16.800,00", "16800.0"])
    assert typed.to_frame().select(amount_expr(pl.col("a"))).to_series().to_list() == [16_800] * 7
    unreadable = pl.Series("a", ["-5", "abc", "1e3"])
    assert unreadable.to_frame().select(amount_expr(pl.col("a"))).to_series().to_list() == [None] * 3
