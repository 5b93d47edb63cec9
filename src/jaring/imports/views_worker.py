"""Adding one worker and correcting one (issue 9): the registry's services behind a form judged by the
import's rules, so a worker typed in and a worker uploaded meet the same checks."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from jaring.accounts.access import require_capability
from jaring.accounts.roles import Cap
from jaring.imports.forms_worker import WorkerForm
from jaring.imports.record import RecordCheck, record_check
from jaring.registry.models import Worker
from jaring.registry.selectors import access_worker, villages_in_scope
from jaring.registry.services import NikTaken, WorkerInput, worker_register, worker_update

MANUAL_SOURCE = "isian manual"


def _check(form: WorkerForm, nik: str) -> RecordCheck | None:
    """The import's rules on the typed text; their messages go next to the fields. None when any fails."""
    data = form.cleaned_data
    raw = {name: str(data.get(name) or "") for name in ("name", "sex", "birth_place", "birth_date", "address")}
    raw |= {name: str(data.get(name) or "") for name in ("village_code", "income", "phone", "decile", "source")}
    check = record_check({**raw, "nik": nik}, reference_date=timezone.localdate())
    for field, problems in check.errors.items():
        for problem in problems:
            form.add_error(field if field in form.fields else None, problem)
    return check if check.ok else None


def _fields(check: RecordCheck, form: WorkerForm) -> dict[str, Any]:
    v = check.values
    return {
        "name": v["name"] or "",
        # Blank: what the NIK encodes, as the import does.
        "sex": v["sex"] or v["nik_sex"] or "",
        "birth_place": v["birth_place"] or "",
        "birth_date": v["birth_date"],
        "address": v["address"] or "",
        "village_code": form.cleaned_data["village_code"],
        "occupation_code": form.cleaned_data["occupation"] or None,
        "income": Decimal(v["income"]) if v["income"] is not None else None,
        "phone": v["phone"] or "",
        "decile": v["decile"],
        "source": v["source"] or MANUAL_SOURCE,
    }


def _warn(request: HttpRequest, check: RecordCheck) -> None:
    for warning in check.warnings:
        messages.warning(request, warning)


@login_required
def worker_new(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, Cap.WORKERS_EDIT)
    form = WorkerForm(request.POST or None, villages=villages_in_scope(request.user), initial={"source": MANUAL_SOURCE})
    if request.method == "POST" and form.is_valid() and (check := _check(form, form.cleaned_data["nik"])):
        try:
            worker = worker_register(
                actor=request.user, data=WorkerInput(nik=check.values["nik"], **_fields(check, form))
            )
        except NikTaken as exc:
            # The same words whether the other record lies in the user's region or elsewhere.
            form.add_error("nik", f"{exc.messages[0]} Bila pekerja ini pindah dari daerah lain, ajukan lewat impor.")
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            _warn(request, check)
            messages.success(request, f"{worker.name} terdaftar.")
            return redirect("registry:worker_detail", worker_id=worker.pk)
    return render(request, "imports/worker_form.html", {"form": form, "worker": None})


def _initial(worker: Worker) -> dict[str, Any]:
    return {
        "nik": worker.nik,
        "name": worker.name,
        "sex": {"M": "L", "F": "P"}.get(worker.sex, ""),
        "birth_place": worker.birth_place,
        "birth_date": f"{worker.birth_date:%d/%m/%Y}" if worker.birth_date else "",
        "address": worker.address,
        "village_code": worker.village_id,
        "occupation": worker.occupation_id or "",
        "income": f"{int(worker.income):,}".replace(",", ".") if worker.income is not None else "",
        "phone": worker.phone,
        "decile": worker.decile or "",
        "source": worker.source,
    }


@login_required
def worker_edit(request: HttpRequest, worker_id: int) -> HttpResponse:
    worker = access_worker(request.user, worker_id)
    require_capability(request.user, Cap.WORKERS_EDIT)
    form = WorkerForm(
        request.POST or None, villages=villages_in_scope(request.user), initial=_initial(worker), editing=True
    )
    if request.method == "POST" and form.is_valid() and (check := _check(form, worker.nik)):
        try:
            worker_update(actor=request.user, worker=worker, changes=_fields(check, form))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            _warn(request, check)
            messages.success(request, "Perubahan disimpan.")
            return redirect("registry:worker_detail", worker_id=worker.pk)
    return render(request, "imports/worker_form.html", {"form": form, "worker": worker})
