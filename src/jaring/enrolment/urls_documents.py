from django.urls import path

from jaring.enrolment import views_documents

app_name = "documents"
urlpatterns = [
    path(
        "program/<int:programme_id>/dokumen/desa/<str:village_code>.pdf",
        views_documents.village_list,
        name="village_list",
    ),
    path(
        "program/<int:programme_id>/dokumen/desa/<str:village_code>/siapkan/",
        views_documents.village_list_start,
        name="village_list_start",
    ),
    path("program/<int:programme_id>/dokumen/tugas/<uuid:job_id>/", views_documents.document_job, name="job"),
    path(
        "program/<int:programme_id>/dokumen/tugas/<uuid:job_id>/unduh/",
        views_documents.document_download,
        name="job_download",
    ),
    path("program/<int:programme_id>/dokumen/berita-acara.pdf", views_documents.handover, name="handover"),
]
