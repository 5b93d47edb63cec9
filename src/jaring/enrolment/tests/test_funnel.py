"""The verification funnel on a small cohort: every drop counted with its reason, nothing billed yet."""

from __future__ import annotations

import pytest

from jaring.enrolment.answer import answer_apply
from jaring.enrolment.funnel import programme_funnel
from jaring.enrolment.models import Membership, Status
from jaring.enrolment.tests.conftest import OTHER, OWN

pytestmark = pytest.mark.django_db


def _answer(tmp_path, rows):
    path = tmp_path / "jawaban.csv"
    path.write_text("NIK;Nama;Status;Keterangan;KPJ\n" + "\n".join(rows) + "\n")
    return path


def test_funnel_per_village_counts_each_step_and_gives_every_drop_a_reason(cohort, tmp_path):
    programme, _ = cohort
    # The budget buys three of the four eligible; BPJS accepts one and refuses one, one waits.
    enrolled = sorted(Membership.objects.filter(programme=programme).values_list("worker__nik", flat=True))
    answer_apply(
        actor=None,
        programme=programme,
        path=_answer(
            tmp_path, [f"{enrolled[0]};A;Y;;12345678901", f"{enrolled[1]};B;T;NIK tidak ditemukan di Dukcapil"]
        ),
    )
    funnel = programme_funnel(programme, by="village")
    t = funnel.total
    assert (t.registered, t.eligible, t.in_cohort, t.accepted, t.rejected, t.waiting, t.billed) == (
        5,
        4,
        3,
        1,
        1,
        1,
        0,  # the cohort starts next year: nothing billed yet, and the page says 0, not "—"
    )
    reasons = dict(t.reasons)
    assert reasons["Melewati usia maksimum pada tanggal mulai"] == 1
    assert reasons["Ditolak BPJS: NIK tidak ditemukan di Dukcapil"] == 1
    # Once enrolled, the plan judges the cohort's own workers again: the budget is now what leaves one out.
    assert reasons["Anggaran tidak cukup"] == 1
    rows = {r.key: r for r in funnel.rows}
    assert set(rows) == {OWN, OTHER}
    assert rows[OWN].label != OWN  # the village by name, not by code
    assert (rows[OWN].registered, rows[OWN].eligible) == (3, 2)
    assert (rows[OTHER].registered, rows[OTHER].eligible) == (2, 2)
    assert sum(r.in_cohort for r in funnel.rows) == 3


def test_funnel_per_source_and_narrowed_to_a_village(cohort):
    programme, _ = cohort
    by_source = {r.key: r for r in programme_funnel(programme, by="source").rows}
    assert {k: (r.registered, r.eligible) for k, r in by_source.items()} == {
        "Musdes Prupuk": (3, 2),
        "Data HNSI": (2, 2),
    }
    village = programme_funnel(programme, by="village", within=OWN)
    assert [r.key for r in village.rows] == [OWN]
    assert village.total.registered == 3
    assert village.total.in_cohort == Membership.objects.filter(worker__village_id=OWN).count()


def test_cancelled_by_the_region_is_not_counted_as_rejected_by_bpjs(cohort):
    programme, _ = cohort
    m = Membership.objects.filter(programme=programme)[0]
    Membership.objects.filter(pk=m.pk).update(status=Status.CANCELLED, reason="Pindah domisili")
    t = programme_funnel(programme).total
    assert (t.rejected, t.withdrawn) == (0, 1)
    assert dict(t.reasons)["Dibatalkan: Pindah domisili"] == 1
