"""The dashboard as the leader meets it: his home page, the new charts and tables with small counts
withheld, no personal data, an xlsx per table, and a number of queries that does not grow with the data."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jaring.billing.run import billing_run
from jaring.billing.tests.cohort import enrol, make_programme
from jaring.coverage.refresh import coverage_refresh
from jaring.registry.models import Occupation, Worker
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)
JAN = "bulan=2026-01"
TABLES = ("wilayah", "indikator", "pekerjaan", "pemberi-dana", "terhenti")


@pytest.fixture
def billed(tegal):
    billing_run(actor=None, month=date(2026, 1, 1), today=TODAY)
    coverage_refresh(actor=None, today=TODAY)
    return tegal


def _more(tegal_operator, n: int, first: int) -> None:
    """``n`` more sponsored, billed workers spread over villages of two districts, with occupations."""
    villages = ["33.28.01.2002", "33.28.01.2003", "33.28.02.2001", "33.28.02.2002"]
    occupations: list[str | None] = [*Occupation.objects.values_list("code", flat=True)[:12]] or [None]
    made = []
    for i in range(n):
        data = WorkerInput(
            nik=f"332802520390{first + i:04d}", name=f"Orang {first + i}", sex="M",
            village_code=villages[i % len(villages)], birth_date=date(1985, 1, 1),
        )  # fmt: skip
        worker = worker_register(actor=tegal_operator, data=data)
        Worker.objects.filter(pk=worker.pk).update(occupation_id=occupations[i % len(occupations)])
        made.append(worker)
    programme = make_programme([("csr", f"PT Donatur {first}", "100")], name=f"Program {first}")
    enrol(programme, made)
    billing_run(actor=None, month=date(2026, 1, 1), today=TODAY)
    coverage_refresh(actor=None, today=TODAY)


def test_the_leaders_home_page_is_his_dashboard(client_for, leader, billed):
    html = client_for(leader).get(f"/?{JAN}").content.decode()
    assert 'id="dashboard"' in html
    assert "Cakupan kepesertaan Kabupaten Tegal" in html
    assert '<a href="/cakupan/33.28.01/?bulan=2026-01">' in html  # the drill-down to a district
    assert "/cakupan/33.28/laporan.pdf?bulan=2026-01" in html
    for chart in ("chart-occupations", "chart-sponsors", "chart-lapses"):
        assert f'id="{chart}"' in html
    assert "Pekerja didanai menurut pemberi dana" in html
    assert 'id="card-coverage"' in html  # his cards stay below it


def test_the_leaders_home_counts_workers_from_the_aggregates(client_for, leader, billed, tegal_operator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jaring.coverage.models import Aggregate

    registered = Worker.objects.filter(village__code__startswith="33.28.").count()
    assert Aggregate.objects.get(region_code="33.28", segment="", month=date(2026, 12, 1)).registered == registered
    worker_register(
        actor=tegal_operator,
        data=WorkerInput(nik="3328025203909991", name="Baru Sekali", sex="F", village_code="33.28.01.2002"),
    )
    client = client_for(leader)
    # His home page is his dashboard: it reads the aggregates (refreshed after every import), never the registry.
    with CaptureQueriesContext(connection) as queries:
        html = client.get(f"/?{JAN}").content.decode()
    assert not any("registry_worker" in q["sql"] for q in queries.captured_queries)
    card = html[html.index('id="card-region"') :]
    assert f"<b>{registered}</b> pekerja" in card[:2000]
    coverage_refresh(actor=None, today=TODAY)
    card = client.get(f"/?{JAN}").content.decode()
    assert f"<b>{registered + 1}</b> pekerja" in card[card.index('id="card-region"') :][:2000]


def test_other_roles_keep_their_home_page(client_for, tegal_operator, billed):
    html = client_for(tegal_operator).get("/").content.decode()
    assert 'id="dashboard"' not in html
    assert '<ul class="home-cards">' in html


def test_leader_sees_small_counts_withheld_in_every_new_table_and_chart(client_for, leader, billed):
    district = client_for(leader).get(f"/cakupan/33.28.01/?{JAN}").content.decode()
    # Three sponsored workers in Prupuk Selatan: the sponsor and occupation tables and charts say "<5".
    sponsors = district.split('id="sponsors"', 1)[1].split("</table>", 1)[0]
    assert sponsors.count("&lt;5") >= 3
    # The amount billed beside a withheld count would give it away (a flat iuran a worker).
    assert "disembunyikan" in sponsors
    assert "Rp " not in sponsors
    assert '<td class="num">3</td>' not in district
    charts = district.split('id="chart-sponsors"', 1)[1].split("</svg>", 1)[0]
    assert "&lt;5" in charts
    assert "<rect" not in charts  # a withheld count is written, never drawn to scale
    assert '<td class="num">&lt;5%</td>' in district  # the village's campaign progress (3 of 100)
    village = client_for(leader).get(f"/cakupan/33.28.01.2001/?{JAN}").content.decode()
    assert 'id="campaign"><strong>&lt;5%</strong>' in village
    assert "disembunyikan (&lt;5)" in village  # the lapse rate of three workers would give a count away


def test_operator_sees_exact_counts_and_the_campaign(client_for, tegal_operator, billed):
    district = client_for(tegal_operator).get(f"/cakupan/33.28.01/?{JAN}").content.decode()
    assert '<td class="num">3%</td>' in district
    village = client_for(tegal_operator).get(f"/cakupan/33.28.01.2001/?{JAN}").content.decode()
    assert 'id="campaign"><strong>3%</strong>' in village
    assert "Rp 16.800" in village  # cost per protected worker-month: 3 × 16.800 / 3


def test_indicator_names_follow_the_page_language(client_for, leader, billed):
    client = client_for(leader)
    assert "Tingkat terhenti (terhenti / didanai" in client.get(f"/cakupan/33.28/?{JAN}").content.decode()
    client.post("/i18n/setlang/", {"language": "en"})
    english = client.get(f"/cakupan/33.28/?{JAN}").content.decode()
    assert "Lapse rate (lapsed / sponsored" in english
    assert "Tingkat terhenti (terhenti" not in english


def test_a_leader_sees_no_personal_data(client_for, leader, billed, workers):
    client = client_for(leader)
    pages = ["/", "/cakupan/33.28/", "/cakupan/33.28.01/", "/cakupan/33.28.01.2001/"]
    for path in pages:
        html = client.get(f"{path}?{JAN}").content.decode()
        for worker in workers:
            assert worker.nik not in html, path
            assert worker.nik[-6:] not in html, path
            assert worker.name not in html, path


@pytest.mark.parametrize("table", TABLES)
def test_each_table_downloads_as_xlsx_without_formulas(client_for, leader, tegal, table):
    make_programme([("csr", '=HYPERLINK("http://x")', "100")], name="Formula")
    billing_run(actor=None, month=date(2026, 1, 1), today=TODAY)
    coverage_refresh(actor=None, today=TODAY)
    response = client_for(leader).get(f"/cakupan/33.28/{table}.xlsx?{JAN}")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'{table}-2026-01.xlsx"')
    with zipfile.ZipFile(io.BytesIO(response.content)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no cell is a formula, whatever a sponsor's name says


def test_outsiders_get_no_table(client_for, bekasi_operator, billed):
    for table in TABLES:
        assert client_for(bekasi_operator).get(f"/cakupan/33.28/{table}.xlsx").status_code == 404


def _queries(client, path: str) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/", "/cakupan/33.28/", "/cakupan/33.28.01/", "/cakupan/33.28.01.2001/"])
def test_queries_do_not_grow_with_the_data(client_for, leader, tegal_operator, billed, path):
    client = client_for(leader)
    small = _queries(client, f"{path}?{JAN}")
    _more(tegal_operator, 40, 100)
    _more(tegal_operator, 40, 200)
    assert _queries(client, f"{path}?{JAN}") == small
    assert small <= 40


def test_a_leader_of_bekasi_sees_nothing_of_tegal(client_for, billed):
    from jaring.accounts.services import api_token_create, user_create

    bekasi = user_create(
        username="pimpinan.bekasi", password="kata-sandi-panjang-2026", role="leader", region_code="32.16"
    )
    client = client_for(bekasi)
    for path in ("/cakupan/33.28/", "/cakupan/33.28.01/", "/cakupan/33.28/laporan.pdf", "/cakupan/33.28/wilayah.xlsx"):
        assert client.get(path).status_code == 404, path
    assert client.get("/cakupan/").url == "/cakupan/32.16/"
    home = client.get("/").content.decode()
    assert "Tegal" not in home
    token = api_token_create(user=bekasi, name="t").plaintext
    answer = client.get("/api/v1/coverage/33.28?month=2026-01", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 404
