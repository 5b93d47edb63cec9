"""The continuity and village-arrears pages: what each role sees, and the exports."""

from __future__ import annotations

from datetime import date

import fastexcel
import pytest
from django.utils import timezone

from jaring.billing.run import billing_run
from jaring.billing.tests.cohort import enrol, make_programme
from jaring.funding.models import Sponsor


def _cells(content: bytes) -> list[list[str | None]]:
    sheet = fastexcel.read_excel(content).load_sheet(0, header_row=None, dtypes="string").to_polars()
    return [list(row) for row in sheet.iter_rows()]


pytestmark = pytest.mark.django_db


@pytest.fixture
def village_behind(workers):
    programme = make_programme([("apbdes", '=HYPERLINK("x")', "100")])
    Sponsor.objects.filter(kind="apbdes").update(region_id="33.28.01.2001")
    enrol(programme, workers[:2])
    billing_run(actor=None, month=date(2026, 1, 1), today=date(2026, 1, 20))
    return programme


def test_operator_sees_village_arrears_and_exports_them_safely(client_for, tegal_operator, village_behind):
    page = client_for(tegal_operator).get("/tagihan/tunggakan-desa/")
    assert page.status_code == 200
    text = page.content.decode()
    assert all(word in text for word in ("Prupuk Selatan", "Rp 33.600", "Menunggak"))
    export = client_for(tegal_operator).get("/tagihan/tunggakan-desa/ekspor.xlsx")
    cells = [c for row in _cells(export.content) for c in row if c is not None]
    assert '=HYPERLINK("x")' in cells  # kept as text, not run as a formula
    assert not any(isinstance(c, str) and c.startswith("=") and c != '=HYPERLINK("x")' for c in cells)


def test_leader_sees_totals_without_members(client_for, leader, tegal):
    page = client_for(leader).get("/tagihan/kelangsungan/?hari=366")
    assert page.status_code == 200
    export = client_for(leader).get("/tagihan/kelangsungan/perpanjangan.xlsx?hari=366")
    header = [c for row in _cells(export.content) for c in row if c == "NIK"]
    assert header == []


def test_operator_export_lists_members_with_masked_nik(client_for, tegal_operator, tegal):
    days = (date(2026, 12, 31) - timezone.localdate()).days + 1
    if days < 1:
        pytest.skip("the fixture's memberships end on 31/12/2026")
    export = client_for(tegal_operator).get(f"/tagihan/kelangsungan/perpanjangan.xlsx?hari={days}")
    rows = _cells(export.content)
    niks = [r[5] for r in rows if r and len(r) > 5 and isinstance(r[5], str) and r[5].startswith("3328")]
    assert len(niks) == 3
    assert all("******" in n for n in niks)


def test_outsiders_see_nothing(client_for, bekasi_operator, village_behind):
    page = client_for(bekasi_operator).get("/tagihan/tunggakan-desa/")
    assert page.status_code == 200
    assert "Prupuk Selatan" not in page.content.decode()
    alerts = client_for(bekasi_operator).get("/tagihan/kelangsungan/?hari=366").content.decode()
    assert village_behind.name not in alerts
    assert "APBDes" not in alerts


def test_roles_without_billing_are_refused(client_for, village_operator):
    assert client_for(village_operator).get("/tagihan/kelangsungan/").status_code == 403
