from django.urls import path

from jaring.billing import views_reconcile

app_name = "reconcile"
urlpatterns = [
    path("program/<int:programme_id>/rekonsiliasi/", views_reconcile.runs, name="runs"),
    path("program/<int:programme_id>/rekonsiliasi/unggah/", views_reconcile.upload, name="upload"),
    path("program/<int:programme_id>/rekonsiliasi/<uuid:run_id>/", views_reconcile.run, name="run"),
    path("program/<int:programme_id>/rekonsiliasi/<uuid:run_id>/unduh/", views_reconcile.export, name="export"),
]
