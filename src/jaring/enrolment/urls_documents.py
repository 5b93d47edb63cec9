from django.urls import path

from jaring.enrolment import views_documents

app_name = "documents"
urlpatterns = [
    path(
        "program/<int:programme_id>/dokumen/desa/<str:village_code>.pdf",
        views_documents.village_list,
        name="village_list",
    ),
    path("program/<int:programme_id>/dokumen/berita-acara.pdf", views_documents.handover, name="handover"),
]
