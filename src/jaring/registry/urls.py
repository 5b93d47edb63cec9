from django.urls import path

from jaring.registry import views, views_export

app_name = "registry"
urlpatterns = [
    path("pekerja/", views.worker_list, name="workers"),
    # The list's everyday tools (issue 9): village options, export, one worker's form.
    path("pekerja/desa/", views.worker_villages, name="worker_villages"),
    path("pekerja/ekspor/", views_export.export_start, name="export_start"),
    path("pekerja/ekspor/<uuid:job_id>/", views_export.export_detail, name="export"),
    path("pekerja/ekspor/<uuid:job_id>/unduh/", views_export.export_download, name="export_download"),
    path("pekerja/<int:worker_id>/", views.worker_detail, name="worker_detail"),
    path("pekerja/duplikat/", views.duplicate_list, name="duplicates"),
    path("pekerja/duplikat/<int:duplicate_id>/", views.duplicate_confirm, name="duplicate_confirm"),
    path("pekerja/duplikat/<int:duplicate_id>/gabung/", views.duplicate_merge, name="duplicate_merge"),
    path("pekerja/duplikat/<int:duplicate_id>/abaikan/", views.duplicate_dismiss_view, name="duplicate_dismiss"),
    path("pekerja/pindah/", views.move_list, name="moves"),
    path("pekerja/pindah/<int:move_id>/terima/", views.move_accept, name="move_accept"),
    path("pekerja/pindah/<int:move_id>/tolak/", views.move_refuse, name="move_refuse"),
]
