from django.urls import path

from jaring.imports import views

app_name = "imports"
urlpatterns = [
    path("impor/", views.upload, name="upload"),
    path("impor/templat/", views.template_download, name="template"),
    path("impor/<uuid:job_id>/", views.job_detail, name="job"),
    path("impor/<uuid:job_id>/laporan/", views.job_report, name="report"),
]
