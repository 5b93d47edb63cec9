from django.urls import path

from jaring.web import calc_views, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("wilayah/<str:code>/", views.region_detail, name="region_detail"),
    path("cek-nik/", views.nik_check, name="nik_check"),
    path("audit/", views.audit, name="audit"),
    path("kalkulator/", calc_views.calculator, {"kind": "contribution"}, name="calc_contribution"),
    path("kalkulator/manfaat/", calc_views.calculator, {"kind": "benefit"}, name="calc_benefit"),
    path("kalkulator/denda/", calc_views.calculator, {"kind": "late"}, name="calc_late"),
]
