"""The duplicate pages as an operator reads them: a score as a percentage, a refused merge as a Jaring page."""

from __future__ import annotations

import pytest

from jaring.registry.models import PossibleDuplicate
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db


def _pair(actor) -> PossibleDuplicate:
    a, b = (
        worker_register(
            actor=actor,
            data=WorkerInput(nik=f"33280152039{i:05d}", name="Siti Aminah", sex="F", village_code="33.28.01.2001"),
        )
        for i in (1, 2)
    )
    return PossibleDuplicate.objects.create(worker=a, other=b, score="0.966", reason="uji", created_at=a.created_at)


def test_the_score_reads_as_a_percentage(client_for, tegal_operator):
    _pair(tegal_operator)
    html = client_for(tegal_operator).get("/pekerja/duplikat/").content.decode()
    assert "97%" in html
    assert "0,966" not in html


def test_a_merge_with_a_bad_keep_is_a_jaring_page_with_a_way_back(client_for, tegal_operator):
    pair = _pair(tegal_operator)
    response = client_for(tegal_operator).post(f"/pekerja/duplikat/{pair.pk}/gabung/", {"keep": "abc"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pilih salah satu dari pasangan ini" in html
    assert 'href="/pekerja/duplikat/"' in html
    assert "Permintaan tidak sah" in html
