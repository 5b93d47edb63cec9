from django.urls import path

from jaring.enrolment import views_cohort, views_cohort_build, views_exchange

app_name = "enrolment"
urlpatterns = [
    path("program/<int:programme_id>/kohort/", views_cohort.cohort, name="cohort"),
    path("program/<int:programme_id>/kohort/susut/", views_cohort.funnel, name="funnel"),
    path("program/<int:programme_id>/kohort/sesuaikan/", views_cohort.adjust, name="adjust"),
    path("program/<int:programme_id>/bpjs/", views_exchange.exchange, name="exchange"),
    path("program/<int:programme_id>/bpjs/ekspor/", views_exchange.export_start, name="export_start"),
    path("program/<int:programme_id>/bpjs/jawaban/", views_exchange.answer_upload, name="answer_upload"),
    path("program/<int:programme_id>/bpjs/tata-letak/", views_exchange.layout_edit, name="layout"),
    path("program/<int:programme_id>/bpjs/tugas/<uuid:job_id>/", views_exchange.exchange_job, name="exchange_job"),
    path(
        "program/<int:programme_id>/bpjs/tugas/<uuid:job_id>/unduh/",
        views_exchange.exchange_download,
        name="exchange_download",
    ),
    # cohort build (h-prog)
    path("program/<int:programme_id>/kohort/bangun/", views_cohort_build.cohort_review, name="cohort_review"),
    path("program/<int:programme_id>/kohort/bangun/mulai/", views_cohort_build.cohort_build, name="cohort_build"),
    path("program/<int:programme_id>/kohort/tugas/<uuid:job_id>/", views_cohort_build.cohort_job, name="cohort_job"),
]
