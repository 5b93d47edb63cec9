"""Who may download which document: scope per role, full NIK only for the programme's editors."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from jaring.audit.models import AuditEvent
from jaring.enrolment.tests.test_documents import NEIGHBOUR, VILLAGE, make_programme, make_workers
from jaring.funding.models import Sponsor

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    make_workers(2, VILLAGE)
    make_workers(2, NEIGHBOUR, first=201)
    return make_programme()


def text(response) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def urls(programme) -> dict[str, str]:
    base = f"/program/{programme.pk}/dokumen"
    return {
        "own": f"{base}/desa/{VILLAGE}.pdf",
        "other": f"{base}/desa/{NEIGHBOUR}.pdf",
        "ba": f"{base}/berita-acara.pdf",
    }


# The village operator is Desa Prupuk Selatan's (VILLAGE); the sponsor persona speaks for the CSR sponsor.
STATUS = {
    "tegal_operator": {"own": 200, "other": 200, "ba": 200},
    "village_operator": {"own": 200, "other": 404, "ba": 403},
    "sponsor_user": {"own": 200, "other": 200, "ba": 403},
    "bpjs_officer": {"own": 200, "other": 200, "ba": 403},
    "auditor": {"own": 200, "other": 200, "ba": 403},
    "leader": {"own": 403, "other": 403, "ba": 403},
    "bekasi_operator": {"own": 404, "other": 404, "ba": 404},
}


@pytest.mark.parametrize("persona", sorted(STATUS))
def test_documents_per_role(persona, programme, request, client_for):
    user = request.getfixturevalue(persona)
    Sponsor.objects.get(kind="csr").members.add(request.getfixturevalue("sponsor_user"))
    client = client_for(user)
    answers = {key: client.get(url).status_code for key, url in urls(programme).items()}
    assert answers == STATUS[persona]


def test_the_editor_gets_full_niks_and_others_masked_ones(programme, client_for, tegal_operator, village_operator):
    editor = client_for(tegal_operator).get(urls(programme)["own"])
    assert editor["Content-Type"] == "application/pdf"
    assert f'filename="daftar-musyawarah-desa-{VILLAGE}.pdf"' in editor["Content-Disposition"]
    assert "3328015203900001" in text(editor)
    village = client_for(village_operator).get(urls(programme)["own"])
    assert "332801******0001" in text(village)
    assert "3328015203900001" not in text(village)
    events = AuditEvent.objects.filter(action="document.village_list").order_by("at")
    assert [(e.actor, e.summary["full_nik"]) for e in events] == [(tegal_operator, True), (village_operator, False)]


def test_a_village_outside_the_programme_or_not_a_village_is_not_found(programme, client_for, tegal_operator):
    client = client_for(tegal_operator)
    base = f"/program/{programme.pk}/dokumen/desa"
    assert client.get(f"{base}/32.16.01.2001.pdf").status_code == 404  # Bekasi's
    assert client.get(f"{base}/33.28.01.pdf").status_code == 404  # a district
    assert not AuditEvent.objects.filter(action="document.village_list").exists()


def test_the_handover_download_is_a_pdf_and_audited(programme, client_for, tegal_operator):
    response = client_for(tegal_operator).get(urls(programme)["ba"])
    assert response.content.startswith(b"%PDF")
    assert "Jumlah 4" in " ".join(text(response).split())
    assert AuditEvent.objects.filter(action="document.handover", actor=tegal_operator).count() == 1
