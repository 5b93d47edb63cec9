from django.urls import path

from jaring.coverage import views, views_published

app_name = "coverage"
urlpatterns = [
    path("cakupan/", views.dashboard_home, name="home"),
    path("cakupan/<str:slug>/", views.dashboard, name="dashboard"),
    path("cakupan/<str:slug>/laporan.pdf", views.dashboard_pdf, name="pdf"),
    path("cakupan/<str:slug>/wilayah.xlsx", views.dashboard_xlsx, name="xlsx"),
]
urlpatterns += [
    path("cakupan/<str:slug>/angka-terbit/", views_published.published, name="published"),
    path("cakupan/<str:slug>/angka-terbit.xlsx", views_published.published_xlsx, name="published_xlsx"),
]
