from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.views.generic import RedirectView

from jaring.api.api import api

# Jaring's pages for errors, and a fragment when the request came from htmx (web/errors.py).
handler400 = "jaring.web.errors.bad_request"
handler403 = "jaring.web.errors.permission_denied"
handler404 = "jaring.web.errors.page_not_found"
handler500 = "jaring.web.errors.server_error"

urlpatterns = [
    path("", include("jaring.accounts.urls")),
    path("", include("jaring.web.urls")),
    path("", include("jaring.registry.urls")),
    path("", include("jaring.imports.urls")),
    path("", include("jaring.funding.urls")),
    path("", include("jaring.enrolment.urls")),
    path("", include("jaring.enrolment.urls_documents")),
    path("", include("jaring.billing.urls_continuity")),
    path("", include("jaring.coverage.urls")),
    path("", include("jaring.billing.urls")),
    path("", include("jaring.billing.urls_reconcile")),
    path("api/v1/", api.urls),
    path("api/docs", login_required(RedirectView.as_view(url="/api/v1/docs", permanent=False)), name="api_docs"),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.JARING_BENCH_REFERENCE:
    from jaring.web.bench import reference, reference_calc, reference_workers

    urlpatterns += [
        path("bench/reference", reference),
        path("bench/reference/calc", reference_calc),
        path("bench/reference/workers", reference_workers),
    ]
