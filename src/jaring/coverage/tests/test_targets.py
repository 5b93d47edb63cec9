"""A region's own RPJMD targets: entered on the page by its Pemda's staff, replacing a year's earlier value
(audited), refused with a reason, scoped; the dashboard then measures the gap to them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jaring.audit.models import AuditEvent
from jaring.coverage.indicators import region_target
from jaring.coverage.models import RegionTarget

pytestmark = pytest.mark.django_db

URL = "/cakupan/33.28/target/"


def _post(client, year="2026", percent="45,5", citation="Perda RPJMD Kabupaten Tegal 2025–2029"):
    return client.post(URL, {"year": year, "percent": percent, "citation": citation})


def test_an_operator_enters_and_replaces_a_year_s_target(client_for, tegal_operator):
    client = client_for(tegal_operator)
    assert _post(client).status_code == 302
    assert _post(client, percent="47%").status_code == 302
    (target,) = RegionTarget.objects.all()
    assert (target.region_id, target.year, target.value) == ("33.28", 2026, Decimal("0.4700"))
    events = AuditEvent.objects.filter(action="coverage.target.set").order_by("pk")
    assert [e.summary["replaced"] for e in events] == [None, "0.4550"]
    page = client.get(URL).content.decode()
    assert "47,00%" in page
    assert "Perda RPJMD Kabupaten Tegal 2025–2029" in page
    # The dashboard's gap is now measured to the region's own target, not the national trajectory.
    found = region_target("33.28", date(2026, 6, 1))
    assert found is not None
    value, source = found
    assert value == Decimal("0.4700")
    assert "Perda RPJMD" in source
    # Its districts and villages follow it, as the page promises; a region of another province does not.
    assert region_target("33.28.01.2001", date(2026, 6, 1)) == found
    assert region_target("32.16", date(2026, 6, 1)) != found


@pytest.mark.parametrize(
    ("year", "percent", "citation", "message"),
    [
        ("2026", "0", "Perda", "lebih dari 0%"),
        ("2026", "120", "Perda", "paling banyak 100%"),
        ("2019", "40", "Perda", "antara 2020 dan 2045"),
        ("2026", "40,123", "Perda", "dua angka desimal"),
        ("2026", "empat puluh", "Perda", "persen"),
        ("2026", "40", "", "Sebutkan dasarnya"),
    ],
)
def test_a_bad_target_is_refused_with_a_reason_and_nothing_saved(
    client_for, tegal_operator, year, percent, citation, message
):
    response = _post(client_for(tegal_operator), year, percent, citation)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not RegionTarget.objects.exists()


def test_a_district_has_no_target_of_its_own(client_for, tegal_operator):
    from jaring.coverage.targets import TargetInput, TargetRefused, region_target_set

    with pytest.raises(TargetRefused) as refused:
        region_target_set(actor=tegal_operator, region_code="33.28.01", data=TargetInput(2026, Decimal(40), "Perda"))
    assert refused.value.code == "TARGET.LEVEL"
    assert "Simpan target" not in client_for(tegal_operator).get("/cakupan/33.28.01/target/").content.decode()


def test_who_may_enter_and_who_may_only_read(client_for, tegal_operator, leader, bekasi_operator):
    _post(client_for(tegal_operator))
    seen = client_for(leader).get(URL)
    assert seen.status_code == 200
    assert "45,50%" in seen.content.decode()
    assert "Simpan target" not in seen.content.decode()
    assert _post(client_for(leader), percent="90").status_code == 403
    assert client_for(bekasi_operator).get(URL).status_code == 404
    assert _post(client_for(bekasi_operator), percent="90").status_code == 404
    assert client_for(leader).post("/cakupan/33.28/target/2026/hapus/").status_code == 403
    assert RegionTarget.objects.get().value == Decimal("0.4550")
    assert client_for(tegal_operator).post("/cakupan/33.28/target/2026/hapus/").status_code == 302
    assert not RegionTarget.objects.exists()
    assert AuditEvent.objects.filter(action="coverage.target.remove").count() == 1
