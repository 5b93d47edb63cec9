from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jaring.accounts.access import scope_code
from jaring.regions.models import Region
from jaring.registry.models import Segment
from jaring.registry.selectors import (
    WorkerFilter,
    access_duplicate,
    access_move_request,
    access_worker,
    duplicates_for,
    move_requests_incoming,
    move_requests_outgoing,
    occupations,
    workers_search,
)
from jaring.registry.services import (
    duplicate_dismiss,
    worker_detail_open,
    worker_merge,
    worker_move_accept,
    worker_move_refuse,
)


@login_required
def worker_list(request: HttpRequest) -> HttpResponse:
    f = WorkerFilter(**{k: request.GET.get(k, "").strip() for k in WorkerFilter.__dataclass_fields__})
    workers = workers_search(request.user, f)
    page = Paginator(workers, 50).get_page(request.GET.get("page"))
    scope = scope_code(request.user)
    districts = Region.objects.filter(level=3, code__startswith=f"{scope}.") if scope else Region.objects.none()
    template = "registry/_worker_rows.html" if request.htmx else "registry/worker_list.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {
            "page": page,
            "filter": f,
            "districts": districts,
            "occupations": occupations(),
            "segments": Segment.choices,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def worker_detail(request: HttpRequest, worker_id: int) -> HttpResponse:
    worker = access_worker(request.user, worker_id)
    worker_detail_open(actor=request.user, worker=worker)
    return render(
        request,
        "registry/worker_detail.html",
        {"worker": worker, "changes": worker.changes.select_related("actor", "batch")[:50]},
    )


@login_required
def duplicate_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(duplicates_for(request.user).order_by("-score", "id"), 50).get_page(request.GET.get("page"))
    return render(request, "registry/duplicate_list.html", {"page": page})


@require_POST
@login_required
def duplicate_merge(request: HttpRequest, duplicate_id: int) -> HttpResponse:
    duplicate = access_duplicate(request.user, duplicate_id)
    kept = worker_merge(actor=request.user, duplicate=duplicate, keep_id=int(request.POST.get("keep", "0")))
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
    return render(request, "registry/move_list.html", {"incoming": incoming[:100], "outgoing": outgoing[:100]})


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
