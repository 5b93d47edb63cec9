"""The sponsors page and its two forms, per role."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from jaring.funding.models import BudgetLine, Sponsor

pytestmark = pytest.mark.django_db


def _line(sponsor: Sponsor) -> None:
    BudgetLine.objects.create(sponsor=sponsor, fiscal_year=2027, amount=Decimal(1_250_000_000), reference="DPA 4.01",
                              jkm_account="5.1.02.99", created_at=timezone.now())  # fmt: skip


@pytest.mark.parametrize(
    ("persona", "status"),
    [("tegal_operator", 200), ("village_operator", 200), ("auditor", 200), ("sponsor_user", 200), ("leader", 403)],
)
def test_the_sponsors_page_per_role(request, client_for, tegal_programme, persona, status):
    _line(Sponsor.objects.get(kind="apbd"))
    response = client_for(request.getfixturevalue(persona)).get("/program/sponsor/")
    assert response.status_code == status
    if status != 200:
        return
    html = response.content.decode()
    assert "PT Tegal Makmur Logam" in html
    assert "CSR perusahaan" in html
    # A sponsor user reads only the sponsor it speaks for; the forms are for the region's operator.
    assert ("Rp 1.250.000.000" in html) == (persona != "sponsor_user")
    assert ("Tambah sponsor" in html) == (persona == "tegal_operator")


def test_an_outsider_sees_none_of_the_regions_sponsors(client_for, bekasi_operator, tegal_programme):
    html = client_for(bekasi_operator).get("/program/sponsor/").content.decode()
    assert "PT Tegal Makmur Logam" not in html


def test_an_operator_adds_a_sponsor_and_a_budget_line(client_for, tegal_operator):
    client = client_for(tegal_operator)
    response = client.post("/program/sponsor/baru/", {"kind": "baznas", "name": "Baznas Kabupaten Tegal"})
    assert response.status_code == 302
    sponsor = Sponsor.objects.get(name="Baznas Kabupaten Tegal")
    data = {"sponsor": sponsor.pk, "fiscal_year": "2027", "amount": "Rp 250.000.000", "revision": "main"}
    assert client.post("/program/sponsor/anggaran/", data).status_code == 302
    assert sponsor.budget_lines.get().amount == 250_000_000
    assert "Rp 250.000.000" in client.get("/program/sponsor/").content.decode()


def test_refusals_come_back_beside_the_field(client_for, tegal_operator):
    client = client_for(tegal_operator)
    client.post("/program/sponsor/baru/", {"kind": "csr", "name": "PT Gula Manis"})
    sponsor = Sponsor.objects.get()
    again = client.post("/program/sponsor/baru/", {"kind": "csr", "name": "pt gula manis"})
    assert again.status_code == 400
    assert "sudah tercatat di wilayah ini" in again.content.decode()
    zero = client.post("/program/sponsor/anggaran/", {"sponsor": sponsor.pk, "fiscal_year": "2027", "amount": "0",
                                                      "revision": "main"})  # fmt: skip
    assert zero.status_code == 400
    assert "lebih dari Rp0" in zero.content.decode()
    assert not BudgetLine.objects.exists()


def test_a_line_for_another_regions_sponsor_is_refused(client_for, tegal_operator, bekasi_operator, tegal_programme):
    sponsor = Sponsor.objects.get(kind="csr")
    data = {"sponsor": sponsor.pk, "fiscal_year": "2027", "amount": "1000", "revision": "main"}
    assert client_for(bekasi_operator).post("/program/sponsor/anggaran/", data).status_code == 404
    assert client_for(bekasi_operator).post("/program/sponsor/baru/", {"kind": "csr", "name": "X"}).status_code == 302
    assert Sponsor.objects.get(name="X").region_id == "32.16"
    assert not BudgetLine.objects.exists()
