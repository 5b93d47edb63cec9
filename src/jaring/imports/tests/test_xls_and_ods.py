"""Old Excel (.xls) and LibreOffice (.ods) files are read like .xlsx (issue 9, finding 4).

No writer of either is a dependency: the .xls is a committed fixture (tests/data/pekerja.xls, written once with
xlwt: a title row, the header on row 3, a NIK typed as a number, date cells, a signature block under the
table); the .ods is written here, as the zip of XML it is.
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jaring.imports.headers import FileRejected
from jaring.imports.models import ImportJob, JobStatus
from jaring.imports.reader import Limits, read_table
from jaring.imports.tests.test_rules_table import run
from jaring.jobs.worker import jobs_run_pending
from jaring.registry.models import Worker

XLS = Path(__file__).parent / "data" / "pekerja.xls"
HEADER: list[object] = ["NIK", "Nama", "JK", "Tempat Lahir", "Tanggal Lahir", "Desa", "Kecamatan", "Pekerjaan"]
ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def _cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, date):
        return f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}"/>'
    if isinstance(value, int):
        number = f'<table:table-cell office:value-type="float" office:value="{value}">'
        return f"{number}<text:p>{value}</text:p></table:table-cell>"
    return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'


def write_ods(path: Path, rows: list[list[object]]) -> Path:
    body = "".join("<table:table-row>" + "".join(_cell(v) for v in row) + "</table:table-row>" for row in rows)
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS} office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Pekerja">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        # The media type comes first and uncompressed: that is how readers recognise the file.
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


ODS_ROWS: list[list[object]] = [
    ["Daftar pekerja rentan Desa Prupuk Selatan"],
    [],
    HEADER,
    ["3328015708900001", "Siti Aminah", "P", "Tegal", "17/08/1990", "Prupuk Selatan", "Margasari", "Petani"],
    [3328011708900010, "Budi Santoso", "L", "Tegal", date(1990, 8, 17), "Prupuk Selatan", "Margasari", "Buruh"],
    ["3328011708900002", "Darto", "L", "Tegal", date(1990, 8, 17), "Prupuk Selatan", "Margasari", "Nelayan"],
    [None, None, None, None, None, "Mengetahui,"],
    [None, None, None, None, None, "Kepala Desa Prupuk Selatan"],
    [None, None, None, None, None, "Sutrisno"],
]


@pytest.fixture
def ods(tmp_path: Path) -> Path:
    return write_ods(tmp_path / "pekerja.ods", ODS_ROWS)


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_read_like_xlsx_with_number_nik_dates_and_footer(kind: str, ods: Path) -> None:
    prepared = run(XLS if kind == "xls" else ods)
    assert prepared.header_row == 3
    assert prepared.valid["nik"].to_list() == ["3328015708900001", "3328011708900002"]
    assert prepared.valid["birth_date"].to_list() == [date(1990, 8, 17)] * 2
    # A NIK stored as a number ending in 0 is Excel's rounding, in an old .xls as in an .xlsx.
    assert prepared.rejected.select("__row", "__rule").rows() == [(5, "NIK.PRECISION")]
    assert (prepared.rows, prepared.footer_rows) == (3, 3)


def test_an_ods_over_the_unpacked_limit_is_refused_before_it_is_read(ods: Path) -> None:
    with pytest.raises(FileRejected) as refused:
        read_table(ods, limits=Limits(max_unpacked_bytes=100))
    assert refused.value.code == "FILE.TOO_LARGE_UNPACKED"


def test_another_format_is_refused_with_what_to_do(tmp_path: Path) -> None:
    numbers = tmp_path / "pekerja.numbers"
    numbers.write_bytes(b"PK")
    with pytest.raises(FileRejected) as refused:
        read_table(numbers)
    assert refused.value.code == "FILE.FORMAT"
    assert "simpan sebagai .xlsx, .xls, .ods atau .csv" in refused.value.message


@pytest.fixture
def private_var(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_the_upload_page_takes_xls_and_ods(kind, client_for, village_operator, private_var, ods):
    data = (XLS if kind == "xls" else ods).read_bytes()
    client = client_for(village_operator)
    assert ".xls, .ods" in client.get("/impor/").content.decode()
    response = client.post("/impor/", {"file": SimpleUploadedFile(f"desa.{kind}", data), "source": "Musdes"})
    assert response.status_code == 302
    jobs_run_pending()
    job = ImportJob.objects.get()
    assert job.status == JobStatus.DONE, job.error
    assert (job.summary["created"], job.summary["rejected"], job.summary["skipped_footer_rows"]) == (2, 1, 3)
    assert set(Worker.objects.values_list("nik", flat=True)) == {"3328015708900001", "3328011708900002"}
