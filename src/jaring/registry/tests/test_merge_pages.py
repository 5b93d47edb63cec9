"""Issue 9: a merge is confirmed on a side-by-side page, only by those who may merge, and leaves the kept
record readable and the merged-away address leading to it (within the user's scope)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from jaring.registry.models import PossibleDuplicate, Worker
from jaring.registry.services import WorkerInput, worker_register

pytestmark = pytest.mark.django_db


def _pair(actor, *, other_village: str = "33.28.01.2001") -> PossibleDuplicate:
    a = worker_register(
        actor=actor,
        data=WorkerInput(
            nik="3328015203900001", name="Siti Aminah", sex="F", village_code="33.28.01.2001", address="RT 01"
        ),
    )
    b = worker_register(
        actor=actor,
        data=WorkerInput(
            nik="3328015203900002", name="Siti Aminah", sex="F", village_code=other_village, phone="0812345"
        ),
    )
    return PossibleDuplicate.objects.create(worker=a, other=b, score="0.950", reason="uji", created_at=a.created_at)


def _main(html: bytes) -> str:
    return html.decode().split("<main")[1].split("</main>")[0]


def test_confirmation_shows_both_records_masked_with_differences_marked(client_for, tegal_operator):
    pair = _pair(tegal_operator)
    response = client_for(tegal_operator).get(f"/pekerja/duplikat/{pair.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "332801******0001" in html
    assert "332801******0002" in html
    assert "3328015203900001" not in html
    assert "<mark>332801******0001</mark>" in html  # the NIKs differ
    assert "<mark>RT 01</mark>" in html  # an address against a blank one
    assert "<mark>Siti Aminah</mark>" not in html  # the same name is not marked
    assert "12/03/1990" in html
    assert f'action="/pekerja/duplikat/{pair.pk}/gabung/"' in html
    assert f'name="keep" value="{pair.worker_id}"' in html
    assert f'name="keep" value="{pair.other_id}"' in html
    # Nothing merged by looking.
    assert Worker.objects.count() == 2


def test_the_list_leads_to_the_confirmation_not_to_a_one_click_merge(client_for, tegal_operator):
    pair = _pair(tegal_operator)
    html = client_for(tegal_operator).get("/pekerja/duplikat/").content.decode()
    assert f'href="/pekerja/duplikat/{pair.pk}/"' in html
    assert 'name="keep"' not in html


def test_after_a_merge_the_kept_page_opens_and_tells_of_the_merge(client_for, tegal_operator):
    pair = _pair(tegal_operator)
    client = client_for(tegal_operator)
    assert client.post(f"/pekerja/duplikat/{pair.pk}/gabung/", {"keep": pair.other_id}).status_code == 302
    response = client.get(f"/pekerja/{pair.other_id}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Digabung dengan data Siti Aminah (NIK 332801******0001)" in html
    assert "3328015203900001" not in html
    kept = Worker.objects.get(pk=pair.other_id)
    assert kept.address == "RT 01"  # filled from the merged-away record


def test_the_merged_away_address_leads_to_the_kept_record(client_for, tegal_operator):
    pair = _pair(tegal_operator)
    client = client_for(tegal_operator)
    client.post(f"/pekerja/duplikat/{pair.pk}/gabung/", {"keep": pair.other_id})
    response = client.get(f"/pekerja/{pair.worker_id}/")
    assert response.status_code == 302
    assert response["Location"] == f"/pekerja/{pair.other_id}/"
    html = client.get(response["Location"]).content.decode()
    assert f"telah digabung ke data ini pada {timezone.localdate():%d/%m/%Y}" in html


def test_a_chain_of_merges_leads_to_the_last_kept_record(client_for, tegal_operator):
    pair = _pair(tegal_operator)
    client = client_for(tegal_operator)
    client.post(f"/pekerja/duplikat/{pair.pk}/gabung/", {"keep": pair.other_id})
    third = worker_register(
        actor=tegal_operator,
        data=WorkerInput(nik="3328015203900003", name="Siti Aminah", sex="F", village_code="33.28.01.2001"),
    )
    again = PossibleDuplicate.objects.create(
        worker_id=pair.other_id, other=third, score="0.950", reason="uji", created_at=third.created_at
    )
    client.post(f"/pekerja/duplikat/{again.pk}/gabung/", {"keep": third.pk})
    assert client.get(f"/pekerja/{pair.worker_id}/")["Location"] == f"/pekerja/{third.pk}/"
    assert client.get(f"/pekerja/{pair.other_id}/")["Location"] == f"/pekerja/{third.pk}/"


def test_the_old_address_is_a_plain_404_for_who_cannot_see_the_kept_record(
    client_for, tegal_operator, village_operator, bekasi_operator
):
    # Kept in a neighbouring village: the village operator saw the merged-away record, not the kept one.
    pair = _pair(tegal_operator, other_village="33.28.01.2002")
    client_for(tegal_operator).post(f"/pekerja/duplikat/{pair.pk}/gabung/", {"keep": pair.other_id})
    for user in (village_operator, bekasi_operator):
        client = client_for(user)
        unknown = client.get("/pekerja/999999/")
        response = client.get(f"/pekerja/{pair.worker_id}/")
        assert response.status_code == 404
        assert _main(response.content) == _main(unknown.content)
        assert "Siti" not in response.content.decode()


@pytest.mark.parametrize("persona", ["auditor", "bpjs_officer", "village_operator"])
def test_who_cannot_merge_sees_no_merge_or_dismiss_buttons_and_is_refused(client_for, tegal_operator, persona, request):
    pair = _pair(tegal_operator)
    client = client_for(request.getfixturevalue(persona))
    html = client.get("/pekerja/duplikat/").content.decode()
    assert "Siti Aminah" in html
    assert "Bukan duplikat" not in html
    assert f"/pekerja/duplikat/{pair.pk}/" not in html
    assert client.get(f"/pekerja/duplikat/{pair.pk}/").status_code == 403
    assert client.post(f"/pekerja/duplikat/{pair.pk}/gabung/", {"keep": pair.other_id}).status_code == 403
    assert client.post(f"/pekerja/duplikat/{pair.pk}/abaikan/").status_code == 403


def test_the_operator_sees_the_buttons(client_for, tegal_operator):
    _pair(tegal_operator)
    html = client_for(tegal_operator).get("/pekerja/duplikat/").content.decode()
    assert "Bukan duplikat" in html
    assert "Gabungkan…" in html


def test_a_bad_keep_is_still_refused_with_400(client_for, tegal_operator):
    pair = _pair(tegal_operator)
    response = client_for(tegal_operator).post(f"/pekerja/duplikat/{pair.pk}/gabung/", {"keep": pair.other_id + 100})
    assert response.status_code == 400
    assert Worker.objects.count() == 2
