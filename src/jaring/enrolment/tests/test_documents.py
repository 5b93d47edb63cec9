"""The PDF documents BPJS asks for: the village-meeting name list and the Berita Acara Serah Terima Data."""

from __future__ import annotations

import io
import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from pypdf import PdfReader

from jaring.audit.models import AuditEvent
from jaring.enrolment.documents import handover_issue, handover_pdf, village_list_issue, village_list_pdf
from jaring.enrolment.exchange import registration_export
from jaring.enrolment.models import Membership, Status
from jaring.enrolment.services import cohort_enrol
from jaring.funding.services import ProgrammeInput, SponsorShare, programme_create
from jaring.regions.models import Region
from jaring.registry.models import Worker

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)
VILLAGE, NEIGHBOUR = "33.28.01.2001", "33.28.01.2002"


def make_workers(count: int, village: str, first: int = 1) -> None:
    now = timezone.now()
    Worker.objects.bulk_create(
        Worker(
            nik=f"332801520390{n:04d}", name=f"Siti Pekerja {n:03d}", search_name=f"siti pekerja {n:03d}", sex="F",
            village_id=village, birth_date=date(1990, 3, 12), address=f"Jl. Melati No. {n} RT 01/RW 02",
            occupation_text="Buruh tani", created_at=now, updated_at=now,
        )
        for n in range(first, first + count)
    )  # fmt: skip


def make_programme(**extra) -> object:
    sponsors = (
        SponsorShare("apbd", "APBD Kabupaten Tegal", Decimal(60)),
        SponsorShare("dbhcht", "DBHCHT Kabupaten Tegal", Decimal(30)),
        SponsorShare("csr", "PT Tegal Makmur", Decimal(10)),
    )
    inp = ProgrammeInput(
        region_code="33.28", name="Perlindungan Pekerja Rentan Kabupaten Tegal 2027", segment="bpu",
        start=date(2027, 1, 1), months=12, sponsors=sponsors, legal_basis="Perbup Tegal No. 7 Tahun 2026",
        agreement="PKS 12/2026", **extra,
    )  # fmt: skip
    programme = programme_create(actor=None, inp=inp, today=TODAY)
    cohort_enrol(actor=None, programme=programme)
    return programme


@pytest.fixture
def programme():
    make_workers(80, VILLAGE)
    make_workers(3, NEIGHBOUR, first=201)
    return make_programme()


def pages_text(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def keep(content: bytes, name: str) -> None:
    # JARING_KEEP_PDF=DIR keeps the rendered files to look at (pdftoppm -png); tests never need it.
    folder = os.environ.get("JARING_KEEP_PDF")
    if folder:
        Path(folder, name).write_bytes(content)


def test_the_village_list_names_the_village_and_its_workers_with_initials_on_every_page(programme):
    content = village_list_pdf(programme, Region.objects.get(code=VILLAGE))
    keep(content, "village-list.pdf")
    assert content.startswith(b"%PDF")
    pages = pages_text(content)
    assert len(pages) >= 3
    first = pages[0]
    assert "DAFTAR NAMA PEKERJA RENTAN HASIL MUSYAWARAH DESA PRUPUK SELATAN" in first
    assert "Kecamatan Margasari" in first
    assert "Kabupaten Tegal" in first
    assert "APBD Kabupaten Tegal (60%)" in first
    assert "01/01/2027 s.d. 31/12/2027" in first
    everything = "\n".join(pages)
    assert all(f"Siti Pekerja {n:03d}" in everything for n in range(1, 81))
    assert "3328015203900001" in everything  # full NIK: this list goes to BPJS
    assert "12/03/1990" in everything
    assert "Siti Pekerja 201" not in everything  # the neighbour village's worker
    for number, text in enumerate(pages, start=1):
        assert "Paraf Kepala Desa" in text
        assert f"Halaman {number} dari {len(pages)}" in text
    assert "Kepala Desa Prupuk Selatan" in pages[-1]


def test_the_village_list_masks_the_nik_for_those_who_may_not_edit(programme):
    content = village_list_pdf(programme, Region.objects.get(code=VILLAGE), full_nik=False)
    everything = "\n".join(pages_text(content))
    assert "332801******0001" in everything
    assert "3328015203900001" not in everything


def test_withdrawn_workers_are_not_listed(programme):
    Membership.objects.filter(worker__nik="3328015203900002").update(status=Status.CANCELLED)
    everything = "\n".join(pages_text(village_list_pdf(programme, Region.objects.get(code=VILLAGE))))
    assert "Siti Pekerja 001" in everything
    assert "Siti Pekerja 002" not in everything


def test_the_handover_says_the_date_in_words_and_counts_per_village(programme, tmp_path):
    registration_export(actor=None, programme=programme, path=tmp_path / "pendaftaran-tegal-2027.xlsx")
    content = handover_pdf(programme, day=TODAY)
    keep(content, "handover.pdf")
    assert content.startswith(b"%PDF")
    text = " ".join(" ".join(pages_text(content)).split())
    assert "BERITA ACARA SERAH TERIMA DATA" in text
    assert "Pada hari Kamis tanggal tiga bulan Desember tahun dua ribu dua puluh enam" in text
    assert f"Nomor: {programme.pk:03d}/BA-STD/XII/2026" in text
    assert "Pemerintah Kabupaten Tegal" in text
    assert "BPJS Ketenagakerjaan Kantor Cabang Tegal" in text
    assert "Perbup Tegal No. 7 Tahun 2026" in text
    assert "PKS 12/2026" in text
    assert "kode wadah SG" in text
    assert "kode wadah SC" in text
    assert "pendaftaran-tegal-2027.xlsx" in text
    assert "Prupuk Selatan Margasari 80" in text
    assert "Jumlah 83" in text
    assert "Rp 1.000.000" in text


def test_issuing_a_document_is_audited_without_a_nik(programme, tegal_operator):
    village = Region.objects.get(code=VILLAGE)
    listed = village_list_issue(actor=tegal_operator, programme=programme, village=village, full_nik=True)
    handover = handover_issue(actor=tegal_operator, programme=programme, day=TODAY)
    assert listed.filename == "daftar-musyawarah-desa-33.28.01.2001.pdf"
    assert handover.filename == f"berita-acara-serah-terima-program-{programme.pk}.pdf"
    events = {e.action: e for e in AuditEvent.objects.filter(action__startswith="document.")}
    assert events["document.village_list"].summary["village"] == VILLAGE
    assert events["document.village_list"].summary["full_nik"] is True
    assert events["document.village_list"].actor == tegal_operator
    assert events["document.handover"].summary["number"] == f"{programme.pk:03d}/BA-STD/XII/2026"
    assert "3328015203900001" not in str([e.summary for e in events.values()])


def test_a_document_never_fetches_a_remote_url(programme, monkeypatch):
    from urllib import request

    from jaring.enrolment import documents

    opened = []

    def record(self, url, *args, **kwargs):
        opened.append(url)
        raise OSError("offline")

    monkeypatch.setattr(request.OpenerDirector, "open", record)
    Worker.objects.filter(nik="3328015203900001").update(name='<img src="http://x.invalid/a">')
    content = village_list_pdf(programme, Region.objects.get(code=VILLAGE))
    assert '<img src="http://x.invalid/a">' in " ".join("\n".join(pages_text(content)).split())  # text, escaped
    # Even markup that asks for remote resources is refused before any request is made.
    page = '<link rel="stylesheet" href="https://x.invalid/a.css"><img src="http://x.invalid/b.png"><p>ok</p>'
    monkeypatch.setattr(documents, "render_to_string", lambda *args: page)
    assert documents.handover_pdf(programme).startswith(b"%PDF")
    assert opened == []
