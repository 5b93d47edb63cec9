from django.urls import path

from jaring.coverage import views, views_published, views_targets

app_name = "coverage"
urlpatterns = [
    path("cakupan/", views.dashboard_home, name="home"),
    path("cakupan/<str:slug>/", views.dashboard, name="dashboard"),
    path("cakupan/<str:slug>/laporan.pdf", views.dashboard_pdf, name="pdf"),
    # One download per dashboard table; "wilayah" keeps its name (coverage:xlsx) from before.
    path("cakupan/<str:slug>/wilayah.xlsx", views.dashboard_xlsx, {"table": "wilayah"}, name="xlsx"),
    path("cakupan/<str:slug>/indikator.xlsx", views.dashboard_xlsx, {"table": "indikator"}, name="xlsx_indicators"),
    path("cakupan/<str:slug>/pekerjaan.xlsx", views.dashboard_xlsx, {"table": "pekerjaan"}, name="xlsx_occupations"),
    path("cakupan/<str:slug>/pemberi-dana.xlsx", views.dashboard_xlsx, {"table": "pemberi-dana"}, name="xlsx_sponsors"),
    path("cakupan/<str:slug>/terhenti.xlsx", views.dashboard_xlsx, {"table": "terhenti"}, name="xlsx_lapses"),
]
urlpatterns += [
    path("cakupan/<str:slug>/angka-terbit/", views_published.published, name="published"),
    path("cakupan/<str:slug>/angka-terbit.xlsx", views_published.published_xlsx, name="published_xlsx"),
]
urlpatterns += [
    path("cakupan/<str:slug>/target/", views_targets.targets, name="targets"),
    path("cakupan/<str:slug>/target/<int:year>/hapus/", views_targets.target_remove, name="target_remove"),
]
