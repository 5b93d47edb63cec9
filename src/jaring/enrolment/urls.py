from django.urls import path

from jaring.enrolment import views_cohort

app_name = "enrolment"
urlpatterns: list = [  # type: ignore[type-arg]
    # cohort build (h-prog)
    path("program/<int:programme_id>/kohort/bangun/", views_cohort.cohort_review, name="cohort_review"),
    path("program/<int:programme_id>/kohort/bangun/mulai/", views_cohort.cohort_build, name="cohort_build"),
    path("program/<int:programme_id>/kohort/tugas/<uuid:job_id>/", views_cohort.cohort_job, name="cohort_job"),
]
