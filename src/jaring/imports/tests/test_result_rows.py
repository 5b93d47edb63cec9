"""Issue 9: the job page shows the first rejected, warned and dropped rows from what is stored with the job;
trailing signature and total rows are skipped and counted; the report holds every warned and dropped row."""

from __future__ import annotations

import fastexcel
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jaring.imports import jobs
from jaring.imports.models import ImportJob, JobStatus
from jaring.imports.report import DUPLICATES_SHEET, WARNINGS_SHEET
from jaring.jobs.worker import jobs_run_pending

pytestmark = pytest.mark.django_db

HEADER = "NIK;Nama;JK;Tgl Lahir;Desa;Kecamatan;Pekerjaan;Penghasilan\n"
LINES = [
    "3328015203900001;Siti Aminah;P;12/03/1990;Prupuk Selatan;Margasari;Petani;1500000",  # 2 kept
    "332801520390001;Nama Pendek;P;12/03/1990;Prupuk Selatan;Margasari;Petani;0",  # 3 NIK.LENGTH
    "3328015203900003;Sri Rahayu;P;12/03/1990;Desa Atlantis;Margasari;Petani;0",  # 4 VILLAGE.UNKNOWN
    "3328015203900004;Wati;L;12/03/1990;Prupuk Selatan;Margasari;Petani;0",  # 5 NIK says female: warned
    "3328015203900001;Siti Aminah;P;12/03/1990;Prupuk Selatan;Margasari;Petani;1500000",  # 6 repeat of row 2
    ";Tanpa NIK;P;12/03/1990;Prupuk Selatan;Margasari;Petani;0",  # 7 blank NIK between data: rejected
    "3328011507850002;Slamet;L;15/07/1985;Prupuk Selatan;Margasari;Buruh;800000",  # 8 kept
    ";Mengetahui,;;;;;;",  # 9.. the signature block and the total: not data
    ";Kepala Desa Prupuk Selatan;;;;;;",
    ";Sutrisno;;;;;;",
    ";Jumlah;;;;;;2300000",
]


@pytest.fixture
def private_var(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def _upload(client, lines: list[str], **fields) -> ImportJob:
    data = (HEADER + "\n".join(lines) + "\n").encode()
    client.post("/impor/", {"file": SimpleUploadedFile("desa.csv", data), "source": "Musdes", **fields})
    jobs_run_pending()
    job = ImportJob.objects.order_by("-created_at").first()
    assert job is not None
    assert job.status == JobStatus.DONE, job.error
    return job


def test_the_job_page_shows_the_first_rows_of_each_kind_with_masked_niks(client_for, tegal_operator, private_var):
    client = client_for(tegal_operator)
    job = _upload(client, LINES)
    summary = job.summary
    assert (summary["rows"], summary["created"], summary["rejected"]) == (7, 3, 3)
    assert summary["errors_by_rule"] == {"NIK.EMPTY": 1, "NIK.LENGTH": 1, "VILLAGE.UNKNOWN": 1}
    assert summary["skipped_footer_rows"] == 4
    examples = ImportJob.objects.get(pk=job.pk).examples
    assert [r["row"] for r in examples["rejected"]] == [3, 4, 7]
    assert [(r["row"], r["codes"]) for r in examples["warned"]] == [(5, ["SEX.NIK_MISMATCH"])]
    assert [(r["row"], r["kept_row"]) for r in examples["duplicates"]] == [(6, 2)]

    html = client.get(f"/impor/{job.pk}/").content.decode()
    for shown in (
        'id="rejected-rows"',
        'href="#warned-rows"',
        'href="#dropped-rows"',
        "NIK harus terdiri dari 16 digit, bukan 15 digit.",  # the reason without the NIK it quoted
        "Desa Atlantis, Kec. Margasari&quot; tidak ditemukan di wilayah Anda",
        "Jenis kelamin berbeda dengan yang tersirat di NIK",
        "NIK sama dengan baris 2: baris 2 yang dipakai, baris ini dilewati.",
        "332801******0001",
        "Baris penutup dilewati",
    ):
        assert shown in html
    assert "Mengetahui" not in html
    assert "Sutrisno" not in html
    for nik in ("3328015203900001", "332801520390001", "3328015203900004"):
        assert nik not in html, "a NIK in clear on the page"


def test_a_job_viewed_later_shows_its_rows_from_the_database(client_for, tegal_operator, private_var):
    # No import in this process: what the page shows can only come from the job's row.
    job = ImportJob.objects.create(
        user=tegal_operator,
        region_id=tegal_operator.region_id,
        original_name="desa.xlsx",
        source="Musdes",
        status=JobStatus.DONE,
        created_at=timezone.now(),
        summary={"rows": 40, "rejected": 25, "warnings": 0, "errors_by_rule": {"NIK.PRECISION": 25}},
        examples={
            "columns": ["NIK", "Nama"],
            "rejected": [
                {"row": 4 + i, "cells": ["332801******0001", f"Pekerja {i}"], "code": "NIK.PRECISION", "reason": "x"}
                for i in range(20)
            ],
            "warned": [],
            "duplicates": [],
        },
    )
    html = client_for(tegal_operator).get(f"/impor/{job.pk}/").content.decode()
    assert "Pekerja 19" in html
    assert "20 baris pertama dari 25" in html
    assert "NIK tersimpan sebagai angka" in html  # the reason beside the code in the counts


def test_the_report_lists_every_warned_and_dropped_row(client_for, tegal_operator, private_var):
    job = _upload(client_for(tegal_operator), LINES)
    report = jobs.report_path(job)
    workbook = fastexcel.read_excel(str(report))
    assert workbook.sheet_names[:3] == ["Baris ditolak", WARNINGS_SHEET, DUPLICATES_SHEET]
    warned = workbook.load_sheet(WARNINGS_SHEET, dtypes="string").to_polars()
    assert warned.select("Baris", "Kode aturan").rows() == [("5", "SEX.NIK_MISMATCH")]
    assert warned["JK"].to_list() == ["L"]  # the cell as typed, to compare with the KTP
    dropped = workbook.load_sheet(DUPLICATES_SHEET, dtypes="string").to_polars()
    assert dropped.select("Baris", "Alasan").rows() == [
        ("6", "NIK sama dengan baris 2: baris 2 yang dipakai, baris ini dilewati.")
    ]


def test_a_file_with_only_warnings_still_gets_a_report(client_for, tegal_operator, private_var):
    job = _upload(client_for(tegal_operator), [LINES[3]])
    assert job.summary["rejected"] == 0
    assert job.summary["warnings"] == 1
    html = client_for(tegal_operator).get(f"/impor/{job.pk}/").content.decode()
    assert "Unduh laporan (.xlsx)" in html


def test_a_dry_run_is_labelled_in_the_history(client_for, tegal_operator, private_var):
    client = client_for(tegal_operator)
    _upload(client, LINES[:1], dry_run="on")
    _upload(client, LINES[6:7])
    html = client.get("/impor/").content.decode()
    assert html.count("Uji coba — tidak disimpan") == 1
    assert "Selesai" in html
