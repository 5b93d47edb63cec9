from django.urls import path

from jaring.billing import views_continuity

app_name = "continuity"
urlpatterns = [
    path("tagihan/kelangsungan/", views_continuity.continuity, name="continuity"),
    path("tagihan/kelangsungan/perpanjangan.xlsx", views_continuity.renewal_export, name="renewal_export"),
    path("tagihan/tunggakan-desa/", views_continuity.village_arrears_page, name="village_arrears"),
    path("tagihan/tunggakan-desa/ekspor.xlsx", views_continuity.village_arrears_export, name="village_arrears_export"),
]
