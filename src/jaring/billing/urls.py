from django.urls import path

from jaring.billing import views_bills, views_payments, views_run

app_name = "billing"
urlpatterns = [
    path("tagihan/", views_bills.sponsor_list, name="sponsors"),
    path("tagihan/ekspor/", views_bills.sponsor_list_export, name="sponsors_export"),
    path("tagihan/bulan/ekspor/", views_bills.month_export, name="month_export"),
    path("tagihan/sponsor/<int:sponsor_id>/", views_bills.sponsor_bills, name="sponsor_bills"),
    path("tagihan/sponsor/<int:sponsor_id>/ekspor/", views_bills.sponsor_bills_export, name="sponsor_bills_export"),
    path("tagihan/sponsor/<int:sponsor_id>/pembayaran/", views_payments.payments, name="payments"),
    path("tagihan/sponsor/<int:sponsor_id>/pembayaran/ekspor/", views_payments.payments_export, name="payments_export"),
    path("tagihan/pembayaran/<int:payment_id>/bukti/", views_payments.payment_proof, name="payment_proof"),
    path("tagihan/<int:bill_id>/", views_bills.bill_detail, name="bill"),
    path("tagihan/<int:bill_id>/ekspor/", views_bills.bill_export, name="bill_export"),
    path("tagihan/buat/", views_run.run, name="run"),
    path("tagihan/tugas/<uuid:job_id>/", views_run.job, name="job"),
]
