from django.urls import path

from jaring.imports import views, views_worker

app_name = "imports"
urlpatterns = [
    path("impor/", views.upload, name="upload"),
    path("impor/templat/", views.template_download, name="template"),
    path("impor/<uuid:job_id>/", views.job_detail, name="job"),
    path("impor/<uuid:job_id>/laporan/", views.job_report, name="report"),
    # One worker's form is judged by the import's rules, so it lives beside them (layers: registry < imports).
    path("pekerja/baru/", views_worker.worker_new, name="worker_new"),
    path("pekerja/<int:worker_id>/ubah/", views_worker.worker_edit, name="worker_edit"),
]
