from __future__ import annotations

from dataclasses import asdict, replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from jaring.accounts.access import NotInScope, has_capability, require_capability, scope_code
from jaring.accounts.roles import Cap
from jaring.regions.models import Region
from jaring.registry.export import may_see_full_nik
from jaring.registry.history import worker_history
from jaring.registry.models import Segment
from jaring.registry.pairs import pair_rows
from jaring.registry.selectors import (
    PER_PAGE,
    SearchTooLong,
    WorkerFilter,
    WorkerPage,
    access_duplicate,
    access_merged_worker,
    access_move_request,
    access_worker,
    duplicates_for,
    is_partial_nik,
    move_requests_incoming,
    move_requests_outgoing,
    occupations,
    search_words,
    villages_for,
    workers_page,
)
from jaring.registry.services import (
    duplicate_dismiss,
    worker_detail_open,
    worker_merge,
    worker_move_accept,
    worker_move_refuse,
)


def _clean(value: str) -> str:
    # A NUL byte is refused by PostgreSQL's driver; no filter value needs control characters.
    return "".join(ch for ch in value if ch.isprintable()).strip()


@login_required
def worker_list(request: HttpRequest) -> HttpResponse:
    f = list_filter(request)
    notice = ""
    try:
        page = workers_page(request.user, f, request.GET.get("page"))
    except SearchTooLong as error:
        page, notice = WorkerPage(workers=[], number=1, count=0, per_page=PER_PAGE), str(error)
    if not notice and is_partial_nik(f.q):
        notice = "NIK dicari utuh: ketik ke-16 digitnya."
    elif not notice and f.q and not search_words(f.q) and not page.count:
        notice = "Ketik nama dengan huruf Latin atau NIK 16 digit."
    scope = scope_code(request.user)
    districts = Region.objects.filter(level=3, code__startswith=f"{scope}.") if scope else Region.objects.none()
    template = "registry/_worker_rows.html" if request.htmx else "registry/worker_list.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {
            "page": page,
            "notice": notice,
            "filter": f,
            "districts": districts,
            "villages": villages_for(request.user, f.district),
            "may_edit": has_capability(request.user, Cap.WORKERS_EDIT),
            "may_see_full_nik": may_see_full_nik(request.user),
            "filter_values": [(k, v) for k, v in asdict(f).items() if v],
            "occupations": occupations(),
            "segments": Segment.choices,
            "query": _without_page(request),
        },
    )


def list_filter(request: HttpRequest) -> WorkerFilter:
    """The list's filter from the query string. A village outside the chosen district is dropped: after the
    district changes (without JavaScript, the old village is still sent) the list follows the district."""
    return clean_filter({k: request.GET.get(k, "") for k in WorkerFilter.__dataclass_fields__})


def clean_filter(values: dict[str, str]) -> WorkerFilter:
    f = WorkerFilter(**{k: _clean(v) for k, v in values.items()})
    if f.village and f.district and not f.village.startswith(f"{f.district}."):
        f = replace(f, village="")
    return f


@login_required
def worker_villages(request: HttpRequest) -> HttpResponse:
    """The village options of a district, for the list's village select (htmx)."""
    district = _clean(request.GET.get("district", ""))
    return render(request, "registry/_village_options.html", {"villages": villages_for(request.user, district)})


def _without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def worker_detail(request: HttpRequest, worker_id: int) -> HttpResponse:
    try:
        worker = access_worker(request.user, worker_id)
    except NotInScope:
        # A merged-away record's old address leads to the kept one, for a user who may see it.
        kept, merge = access_merged_worker(request.user, worker_id)
        messages.info(
            request,
            f"Data pekerja yang Anda buka telah digabung ke data ini pada {timezone.localtime(merge.at):%d/%m/%Y}.",
        )
        return redirect("registry:worker_detail", worker_id=kept.pk)
    worker_detail_open(actor=request.user, worker=worker)
    return render(
        request,
        "registry/worker_detail.html",
        {
            "worker": worker,
            "history": worker_history(worker),
            "may_edit": has_capability(request.user, Cap.WORKERS_EDIT),
        },
    )


@login_required
def duplicate_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(duplicates_for(request.user).order_by("-score", "id"), 50).get_page(request.GET.get("page"))
    can_resolve = has_capability(request.user, Cap.DUPLICATES_RESOLVE)
    return render(request, "registry/duplicate_list.html", {"page": page, "can_resolve": can_resolve})


@login_required
def duplicate_confirm(request: HttpRequest, duplicate_id: int) -> HttpResponse:
    """Both records side by side; the user picks the one to keep and confirms with a POST to the merge."""
    duplicate = access_duplicate(request.user, duplicate_id)
    require_capability(request.user, Cap.DUPLICATES_RESOLVE)
    return render(request, "registry/duplicate_confirm.html", {"pair": duplicate, "rows": pair_rows(duplicate)})


@require_POST
@login_required
def duplicate_merge(request: HttpRequest, duplicate_id: int) -> HttpResponse:
    duplicate = access_duplicate(request.user, duplicate_id)
    keep = request.POST.get("keep", "")
    if keep not in (str(duplicate.worker_id), str(duplicate.other_id)):
        # The same 400 as before, as a Jaring page (menu, way back) rather than a bare line of text.
        refusal = {"message": "Pilih salah satu dari pasangan ini sebagai data yang dipertahankan."}
        return render(request, "web/bad_request.html", {**refusal, "back": reverse("registry:duplicates")}, status=400)
    kept = worker_merge(actor=request.user, duplicate=duplicate, keep_id=int(keep))
    messages.success(request, f"Data digabung ke {kept.name}.")
    return redirect("registry:duplicates")


@require_POST
@login_required
def duplicate_dismiss_view(request: HttpRequest, duplicate_id: int) -> HttpResponse:
    duplicate_dismiss(actor=request.user, duplicate=access_duplicate(request.user, duplicate_id))
    messages.success(request, "Ditandai bukan duplikat.")
    return redirect("registry:duplicates")


@login_required
def move_list(request: HttpRequest) -> HttpResponse:
    incoming = move_requests_incoming(request.user)
    outgoing = move_requests_outgoing(request.user)
    context = {
        "incoming": incoming[:100],
        "outgoing": outgoing[:100],
        # Read-only roles see the requests but not buttons the service would refuse them.
        "may_decide": has_capability(request.user, Cap.WORKERS_EDIT),
    }
    return render(request, "registry/move_list.html", context)


@require_POST
@login_required
def move_accept(request: HttpRequest, move_id: int) -> HttpResponse:
    worker = worker_move_accept(actor=request.user, move=access_move_request(request.user, move_id))
    messages.success(request, f"Permintaan pindah diterima: {worker.name} kini terdaftar di desa tujuan.")
    return redirect("registry:moves")


@require_POST
@login_required
def move_refuse(request: HttpRequest, move_id: int) -> HttpResponse:
    worker_move_refuse(actor=request.user, move=access_move_request(request.user, move_id))
    messages.success(request, "Permintaan pindah ditolak.")
    return redirect("registry:moves")
