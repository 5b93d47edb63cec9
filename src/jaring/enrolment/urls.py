from django.urls import path  # noqa: F401 (cohort, status board and BPJS exchange pages arrive here)

app_name = "enrolment"
urlpatterns: list = []  # type: ignore[type-arg]
