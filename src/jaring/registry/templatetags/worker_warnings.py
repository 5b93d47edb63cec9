"""Open import warnings beside a worker: the list's marker (one query per page) and the worker page's list."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from jaring.registry.models import Worker, WorkerWarning
from jaring.registry.worker_warnings import warnings_open, workers_warned

register = template.Library()


@register.simple_tag
def open_warnings(worker: Worker) -> list[WorkerWarning]:
    return list(warnings_open(worker.pk))


@register.simple_tag(takes_context=True)
def warning_marker(context: template.Context, worker: Worker, page: Iterable[Any]) -> SafeString | str:
    """The first row of a page looks up the whole page's warned workers once; the other rows reuse it."""
    key = f"worker_warnings:{id(page)}"
    warned = cast("set[int] | None", context.render_context.get(key))
    if warned is None:
        warned = workers_warned(w.pk for w in page)
        context.render_context[key] = cast(Any, warned)
    if worker.pk not in warned:
        return ""
    title = "Ada peringatan dari impor: lihat halaman pekerja"
    return format_html('<span class="warn-mark" title="{}">⚠ {}</span>', title, "peringatan")
