"""Downloads of the PDF documents BPJS asks for; scope and audit live in the selectors and services."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from jaring.enrolment.documents import Document, handover_issue, village_list_issue
from jaring.enrolment.selectors import access_programme_village
from jaring.funding.selectors import access_programme, may_edit_programme


def _pdf_response(document: Document) -> HttpResponse:
    response = HttpResponse(document.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response


@login_required
def village_list(request: HttpRequest, programme_id: int, village_code: str) -> HttpResponse:
    programme = access_programme(request.user, programme_id)
    village = access_programme_village(request.user, programme, village_code)
    full_nik = may_edit_programme(request.user, programme)
    return _pdf_response(
        village_list_issue(actor=request.user, programme=programme, village=village, full_nik=full_nik)
    )


@login_required
def handover(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = access_programme(request.user, programme_id)
    # The funder issues the Berita Acara: only those who may edit the programme print it.
    if not may_edit_programme(request.user, programme):
        raise PermissionDenied("Berita acara dicetak oleh pengelola program.")
    return _pdf_response(handover_issue(actor=request.user, programme=programme))
