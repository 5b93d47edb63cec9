"""The real URLconf plus views that fail, for the error-page tests."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path

from jaring.urls import handler400, handler403, handler404, handler500  # noqa: F401 - Django reads them here
from jaring.urls import urlpatterns as real


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("rahasia-di-traceback")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


urlpatterns = [*real, path("uji/boom/", boom), path("uji/terlarang/", forbidden)]
