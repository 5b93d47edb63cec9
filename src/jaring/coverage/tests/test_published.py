"""Published rates: recomputed from their own counts and flagged, refused whole with Indonesian reasons,
loaded again without change, and shown only inside the reader's region."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from jaring.audit.models import AuditEvent
from jaring.coverage.loading import CoverageRefused
from jaring.coverage.models import PublishedFigure
from jaring.coverage.published import published_for_region, published_load

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)
SHARED = Path(__file__).resolve().parents[2] / "demo" / "data" / "coverage-reported.csv"
HEADER = "region_code,region_name,period,segment,participants,potential,reported_coverage,note,source\n"


def _csv(tmp_path: Path, text: str, name: str = "terbit.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _copy(tmp_path: Path) -> Path:
    return Path(shutil.copy(SHARED, tmp_path / "c.csv"))


def _figure(code: str, period: str, segment: str) -> PublishedFigure:
    return PublishedFigure.objects.get(region_code=code, period=period, segment=segment)


def test_the_shared_file_is_recomputed_and_its_mismatches_flagged(tmp_path):
    result = published_load(actor=None, path=_copy(tmp_path), today=TODAY)
    # Kota Tegal PU, Kabupaten Bekasi ("46%" for 46.67%) and Sumatera Selatan do not reconcile.
    assert result.as_json() == {"rows": 11, "created": 11, "replaced": 0, "flagged": 3}
    pu = _figure("33.76", "2025-09", "PU")
    assert (pu.reported, pu.recomputed, pu.difference, pu.flagged) == (
        Decimal("0.5994"),
        Decimal("0.5984"),
        Decimal("0.0010"),
        True,
    )
    bpu = _figure("33.76", "2025-09", "BPU")
    assert (bpu.recomputed, bpu.flagged) == (Decimal("0.3251"), False)
    assert _figure("33.76", "2025-09", "BPU").source == pu.source  # "same": the row above's source
    assert _figure("33.76", "2025-09", "JAKON").recomputed == Decimal("1")
    # Only a rate was published: nothing to recompute, nothing claimed.
    rate_only = _figure("33.28", "2024-10", "TOTAL")
    assert (rate_only.recomputed, rate_only.flagged) == (None, False)
    assert _figure("", "2025-04", "TOTAL").reported == Decimal("0.3568")  # Indonesia
    assert AuditEvent.objects.filter(action="coverage.published.load").count() == 1


def test_loading_again_replaces_the_same_rows(tmp_path):
    path = _copy(tmp_path)
    published_load(actor=None, path=path, today=TODAY)
    again = published_load(actor=None, path=path, today=TODAY)
    assert again.as_json() == {"rows": 11, "created": 0, "replaced": 11, "flagged": 3}
    assert PublishedFigure.objects.count() == 11
    # A corrected publication under the same source replaces the figure; another source stands beside it.
    published_load(
        actor=None,
        path=_csv(tmp_path, HEADER + "33.76,Kota Tegal,2025-09,PU,33035,55201,59.84%,,koreksi\n"
                  "3376,Kota Tegal,2025-09,pu,33035,55201,0.5984,,https://www.puskapik.com/tegal/kepesertaan-bpjs-"
                  "ketenagakerjaan-di-tegal-capai-5255-persen-pemkot-gencarkan-pembinaan\n"),
        today=TODAY,
    )  # fmt: skip
    assert PublishedFigure.objects.count() == 12
    assert not PublishedFigure.objects.filter(region_code="33.76", segment="PU", flagged=True).exists()


@pytest.mark.parametrize(
    ("rows", "reason"),
    [
        ("99.99,Entah,2025-09,PU,10,20,0.5,,x\n", "baris 2: kode wilayah '99.99' tidak dikenal"),
        ("33.76,Kota Tegal,2025-09,PU,-5,20,0.5,,x\n", "baris 2: peserta: jumlah tidak boleh negatif"),
        ("33.76,Kota Tegal,2025-09,PU,5,-20,0.5,,x\n", "baris 2: penyebut: jumlah tidak boleh negatif"),
        ("33.76,Kota Tegal,2025-09,PU,5,0,0.5,,x\n", "baris 2: penyebut: penyebut tidak boleh nol"),
        ("33.76,Kota Tegal,2027-01,PU,5,10,0.5,,x\n", "baris 2: periode '2027-01' harus YYYY atau YYYY-MM"),
        ("33.76,Kota Tegal,2025-09,PUX,5,10,0.5,,x\n", "baris 2: segmen 'PUX' bukan PU, BPU, JAKON, PMI atau TOTAL"),
        ("33.76,Kota Tegal,2025-09,PU,5,10,52.55,,x\n", "baris 2: angka cakupan '52.55' lebih dari 1"),
        ("33.76,Kota Tegal,2025-09,PU,5,10,0.5,,\n", "baris 2: sumber wajib diisi"),
        # Kabupaten and Kota Tegal are two regions: a name that contradicts its code is refused.
        ("33.28,Kota Tegal,2025-09,PU,5,10,0.5,,x\n", "nama wilayah 'Kota Tegal' tidak sesuai kode 33.28"),
        (
            "33.76,Kota Tegal,2025-09,PU,5,10,0.5,,x\n3376,Kota Tegal,2025-09,pu,6,10,0.6,,x\n",
            "baris 2, 3: baris yang sama muncul lebih dari sekali dalam berkas",
        ),
    ],
)
def test_bad_rows_load_nothing(tmp_path, rows, reason):
    good = "33.76,Kota Tegal,2025-09,BPU,12314,37880,0.3251,,y\n"
    with pytest.raises(CoverageRefused) as refused:
        published_load(actor=None, path=_csv(tmp_path, HEADER + rows + good), today=TODAY)
    assert any(row.startswith(reason) or reason in row for row in refused.value.rows), refused.value.rows
    assert "tidak ada yang dimuat" in refused.value.message
    assert not PublishedFigure.objects.exists()


def test_a_file_without_the_rate_column_is_refused(tmp_path):
    with pytest.raises(CoverageRefused, match="Kolom wajib tidak ada: reported_coverage"):
        published_load(actor=None, path=_csv(tmp_path, "region_code,period,segment,source\n33.76,2025,PU,x\n"))


@pytest.fixture
def loaded(tmp_path):
    published_load(actor=None, path=_copy(tmp_path), today=TODAY)


def test_a_region_sees_its_own_figures_and_those_inside_it(loaded):
    assert {r.figure.region_code for r in published_for_region("33")} == {"33.76", "33.28", "33.02", "33.04"}
    tegal = published_for_region("33.28")
    assert [(r.region_name, r.figure.period) for r in tegal] == [
        ("Kabupaten Tegal", "2025-08"), ("Kabupaten Tegal", "2024-10")
    ]  # fmt: skip
    assert len(published_for_region("")) == 11


def test_the_page_flags_the_mismatch(loaded, client_for):
    from jaring.accounts.models import User

    # A national superuser: the only reader of every region, Kota Tegal among them.
    national = User.objects.create(username="pusat", role="admin", is_superuser=True, region=None)
    text = client_for(national).get("/cakupan/id/angka-terbit/").content.decode()
    kota = [row for row in text.split("<tr") if "<td>Kota Tegal<" in row]
    pu, bpu = (
        next(r for r in kota if f"· {segment}<" in r) for segment in ("Penerima upah (PU)", "Bukan penerima upah (BPU)")
    )
    assert all(shown in pu for shown in ("59,94%", "59,84%", "+0,10", "Tidak cocok dengan hitungannya sendiri"))
    assert 'href="https://www.puskapik.com/' in pu
    assert "Cocok" in bpu
    assert "Tidak cocok" not in bpu


def test_leader_of_tegal_sees_tegal_only(loaded, client_for, leader, bekasi_operator):
    page = client_for(leader).get("/cakupan/33.28/angka-terbit/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Tidak dapat dihitung ulang" in text
    assert "Kota Tegal" not in text
    assert "Bekasi" not in text
    assert client_for(leader).get("/cakupan/33.76/angka-terbit/").status_code == 404
    assert client_for(leader).get("/cakupan/id/angka-terbit/").status_code == 404
    assert client_for(bekasi_operator).get("/cakupan/33.28/angka-terbit.xlsx").status_code == 404
    # The dashboard leads there.
    assert 'href="/cakupan/33.28/angka-terbit/"' in client_for(leader).get("/cakupan/33.28/").content.decode()
    bekasi = client_for(bekasi_operator).get("/cakupan/32.16/angka-terbit/").content.decode()
    assert "Tidak cocok dengan hitungannya sendiri" in bekasi  # "46%" printed for 46,67%


def test_village_operators_have_no_dashboard(loaded, client_for, village_operator):
    assert client_for(village_operator).get("/cakupan/33.28.01.2001/angka-terbit/").status_code == 403


def test_xlsx(loaded, client_for, leader):
    response = client_for(leader).get("/cakupan/33.28/angka-terbit.xlsx")
    assert response.status_code == 200
    assert response.content.startswith(b"PK")
    assert response["Content-Disposition"] == 'attachment; filename="angka-terbit-33.28.xlsx"'
