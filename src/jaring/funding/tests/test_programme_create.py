"""programme_create: shares, periods, the closed budget year, scope, audit, and the database's own guards."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from jaring.accounts.access import NotInScope
from jaring.audit.models import AuditEvent
from jaring.funding.models import Programme, ProgrammeSponsor, Sponsor, Wadah
from jaring.funding.services import FundingRefused, ProgrammeInput, SponsorShare, parse_sponsor, programme_create

TODAY = date(2026, 12, 3)
pytestmark = pytest.mark.django_db


def _input(**changes) -> ProgrammeInput:
    values: dict[str, object] = {"region_code": "33.28", "name": "Perlindungan Pekerja Rentan 2027", "segment": "bpu"}
    values |= {"start": date(2027, 1, 1), "months": 12}
    return ProgrammeInput(**(values | changes))  # type: ignore[arg-type]


def test_without_sponsors_the_regions_apbd_pays_everything():
    programme = programme_create(actor=None, inp=_input(), today=TODAY)
    (share,) = ProgrammeSponsor.objects.filter(programme=programme).select_related("sponsor")
    assert (share.sponsor.kind, share.share, share.wadah) == ("apbd", Decimal(100), Wadah.SG)
    assert share.sponsor.name == "APBD Kabupaten Tegal"
    event = AuditEvent.objects.get(action="programme.create")
    assert (event.region_code, event.object_id) == ("33.28", str(programme.pk))


def test_shares_that_add_up_to_100_each_get_their_wadah_and_sponsors_are_reused():
    sponsors = (
        SponsorShare("apbd", "APBD Tegal", Decimal(50)),
        SponsorShare("dbhcht", "DBHCHT Tegal", Decimal("30.5")),
        SponsorShare("csr", "PT Gula Manis", Decimal("19.5")),
    )
    first = programme_create(actor=None, inp=_input(sponsors=sponsors), today=TODAY)
    programme_create(actor=None, inp=_input(name="Tahap 2", sponsors=sponsors), today=TODAY)
    wadah = dict(ProgrammeSponsor.objects.filter(programme=first).values_list("sponsor__kind", "wadah"))
    assert wadah == {"apbd": "SG", "dbhcht": "SG", "csr": "SC"}
    assert Sponsor.objects.count() == 3


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        (
            {"sponsors": (SponsorShare("apbd", "A", Decimal(60)), SponsorShare("csr", "B", Decimal(30)))},
            "SPONSOR.SHARES",
        ),
        ({"sponsors": (SponsorShare("csr", "B", Decimal(50)), SponsorShare("csr", "b", Decimal(50)))}, "SPONSOR.TWICE"),
        ({"start": date(2025, 6, 1)}, "PROGRAMME.CLOSED_YEAR"),
        ({"months": None}, "PROGRAMME.PERIOD"),
        ({"months": None, "days": 30}, "PROGRAMME.PERIOD"),
        ({"segment": "pu"}, "PROGRAMME.WAGE"),
        ({"region_code": "33.28.01"}, "PROGRAMME.REGION"),
        ({"name": "  "}, "PROGRAMME.NAME"),
        ({"max_age": 200}, "PROGRAMME.MAX_AGE"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(changes, code):
    with pytest.raises(FundingRefused) as caught:
        programme_create(actor=None, inp=_input(**changes), today=TODAY)
    assert caught.value.code == code
    events = AuditEvent.objects.filter(action="programme.create")
    assert (Programme.objects.count(), Sponsor.objects.count(), events.count()) == (0, 0, 0)


def test_an_ad_hoc_cohort_counts_days():
    programme = programme_create(actor=None, inp=_input(segment="adhoc", months=None, days=45), today=TODAY)
    assert (programme.months, programme.days) == (None, 45)


def test_an_operator_cannot_create_in_another_region(bekasi_operator):
    with pytest.raises(NotInScope):
        programme_create(actor=bekasi_operator, inp=_input(), today=TODAY)
    assert Programme.objects.count() == 0


def test_the_database_refuses_a_programme_with_both_months_and_days():
    programme = programme_create(actor=None, inp=_input(), today=TODAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        Programme.objects.filter(pk=programme.pk).update(days=10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dbhcht:DBHCHT Tegal:40", SponsorShare("dbhcht", "DBHCHT Tegal", Decimal(40))),
        ("csr:PT A: Cabang Slawi:12,5%", SponsorShare("csr", "PT A: Cabang Slawi", Decimal("12.5"))),
    ],
)
def test_sponsor_text(text, expected):
    assert parse_sponsor(text) == expected


@pytest.mark.parametrize("text", ["dbhcht", "bank:Bank X:10", "csr:PT A:0", "csr:PT A:sepuluh", "csr::10"])
def test_bad_sponsor_text(text):
    with pytest.raises(FundingRefused):
        parse_sponsor(text)
