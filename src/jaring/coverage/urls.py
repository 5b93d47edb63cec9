from django.urls import path

from jaring.coverage import views

app_name = "coverage"
urlpatterns = [
    path("cakupan/", views.dashboard_home, name="home"),
    path("cakupan/<str:slug>/", views.dashboard, name="dashboard"),
    path("cakupan/<str:slug>/laporan.pdf", views.dashboard_pdf, name="pdf"),
    path("cakupan/<str:slug>/wilayah.xlsx", views.dashboard_xlsx, name="xlsx"),
]
