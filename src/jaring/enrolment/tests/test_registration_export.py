"""The registration file for BPJS: required headers, full NIK as text, layout by region, submitted after."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import polars as pl
import pytest
from django.utils import timezone

from jaring.audit.models import AuditEvent
from jaring.enrolment.exchange import ExchangeRefused, registration_export
from jaring.enrolment.models import ExchangeLayout, Membership, Status
from jaring.enrolment.services import cohort_enrol
from jaring.funding.services import ProgrammeInput, SponsorShare, programme_create
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)


@pytest.fixture
def programme(tegal_operator):
    for i, name in enumerate(["Siti Aminah", '=HYPERLINK("http://x")', "Sri Wahyuni"], start=1):
        data = WorkerInput(
            nik=f"332801520390{i:04d}", name=name, sex="F", village_code="33.28.01.2001",
            birth_date=date(1990, 3, 12), occupation_code="petani",
        )  # fmt: skip
        worker_register(actor=tegal_operator, data=data)
    sponsors = (
        SponsorShare("apbd", "APBD Kabupaten Tegal", Decimal(70)),
        SponsorShare("csr", "PT Gula Manis", Decimal(30)),
    )
    inp = ProgrammeInput(
        region_code="33.28", name="Pekerja Rentan 2027", segment="bpu", start=date(2027, 1, 1), months=12,
        sponsors=sponsors,
    )  # fmt: skip
    made = programme_create(actor=None, inp=inp, today=TODAY)
    cohort_enrol(actor=None, programme=made)
    return made


def test_the_file_has_the_required_columns_full_nik_and_marks_the_cohort_submitted(programme, tmp_path):
    path = tmp_path / "pendaftaran.xlsx"
    assert registration_export(actor=None, programme=programme, path=path).rows == 3
    frame = pl.read_excel(path, infer_schema_length=0)
    assert {"NIK", "Nama", "Tanggal Lahir", "Jenis Kelamin", "Kode Desa"} <= set(frame.columns)
    first = frame.row(0, named=True)
    assert first["NIK"] == "3328015203900002"  # text, never 3.3e15
    assert (first["Jenis Kelamin"], first["Kode Desa"], first["Kode Wadah"]) == ("P", "33.28.01.2001", "SG")
    assert first["Pemberi Dana"] == "APBD Kabupaten Tegal (70%), PT Gula Manis (30%)"
    assert set(frame["Nama"]) == {"Siti Aminah", '\'=HYPERLINK("http://x")', "Sri Wahyuni"}
    assert set(Membership.objects.values_list("status", flat=True)) == {Status.SUBMITTED}
    assert AuditEvent.objects.get(action="cohort.export").summary["rows"] == 3


def test_a_regions_layout_sets_headers_and_order(programme, tmp_path):
    columns = [{"field": "name", "header": "NAMA PESERTA"}, {"field": "nik", "header": "NO KTP"}]
    ExchangeLayout.objects.create(region_id="33.28", columns=columns, updated_at=timezone.now())
    path = tmp_path / "b.xlsx"
    registration_export(actor=None, programme=programme, path=path)
    assert pl.read_excel(path).columns == ["NAMA PESERTA", "NO KTP"]


def test_nothing_to_export_and_other_regions_are_refused(programme, tmp_path, bekasi_operator):
    from jaring.accounts.access import NotInScope

    with pytest.raises(NotInScope):
        registration_export(actor=bekasi_operator, programme=programme, path=tmp_path / "x.xlsx")
    Membership.objects.update(status=Status.CANCELLED)
    with pytest.raises(ExchangeRefused):
        registration_export(actor=None, programme=programme, path=tmp_path / "x.xlsx")
