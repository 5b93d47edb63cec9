"""The dashboard: headline figures, drill-down, small counts suppressed for leaders, scope, few queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jaring.billing.run import billing_run
from jaring.coverage.refresh import coverage_refresh
from jaring.demo.coverage import demo_coverage

pytestmark = pytest.mark.django_db


@pytest.fixture
def picture(tegal, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    billing_run(actor=None, month=date(2026, 1, 1), today=date(2026, 12, 3))
    demo_coverage(today=date(2026, 12, 3))
    coverage_refresh(actor=None, today=date(2026, 12, 3))


def test_leader_sees_the_regency_with_small_counts_suppressed(client_for, leader, picture):
    page = client_for(leader).get("/cakupan/33.28/?bulan=2024-10")
    text = page.content.decode()
    assert page.status_code == 200
    assert "30,29%" in text  # the published rate, from the demo's counts
    assert "<svg" in text
    january = client_for(leader).get("/cakupan/33.28.01/?bulan=2026-01").content.decode()
    assert "&lt;5" in january  # Prupuk Selatan's three sponsored workers, suppressed
    assert "1 desa 100 pekerja rentan" in january


def test_operator_sees_exact_counts_and_drills_down(client_for, tegal_operator, picture):
    text = client_for(tegal_operator).get("/cakupan/33.28.01/?bulan=2026-01").content.decode()
    assert "&lt;5" not in text
    assert '<td class="num">3</td>' in text
    assert "Prupuk Selatan" in text


def test_outside_the_region_nothing(client_for, bekasi_operator, picture):
    assert client_for(bekasi_operator).get("/cakupan/33.28/").status_code == 404
    assert client_for(bekasi_operator).get("/cakupan/33.28/laporan.pdf").status_code == 404
    assert client_for(bekasi_operator).get("/cakupan/id/").status_code == 404


def test_the_dashboard_reads_a_bounded_number_of_queries(client_for, tegal_operator, picture):
    client = client_for(tegal_operator)
    client.get("/cakupan/33.28/?bulan=2026-01")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/cakupan/33.28/?bulan=2026-01").status_code == 200
    assert len(queries) <= 40


def test_pdf_and_xlsx(client_for, leader, picture):
    pdf = client_for(leader).get("/cakupan/33.28/laporan.pdf?bulan=2024-10")
    assert pdf.content.startswith(b"%PDF")
    xlsx = client_for(leader).get("/cakupan/33.28/wilayah.xlsx?bulan=2026-01")
    assert xlsx.status_code == 200
    assert xlsx["Content-Disposition"].endswith('2026-01.xlsx"')
