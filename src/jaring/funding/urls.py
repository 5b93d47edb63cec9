from django.urls import path

from jaring.funding import views_plan, views_programmes, views_sponsors

app_name = "funding"
urlpatterns = [
    path("program/", views_programmes.programme_list, name="programmes"),
    path("program/baru/", views_programmes.programme_new, name="programme_new"),
    path("program/sponsor/", views_sponsors.sponsor_list, name="sponsors"),
    path("program/sponsor/baru/", views_sponsors.sponsor_add, name="sponsor_add"),
    path("program/sponsor/anggaran/", views_sponsors.budget_line_add, name="budget_line_add"),
    path(
        "program/sponsor/<int:sponsor_id>/pengguna/", views_sponsors.sponsor_member_add_view, name="sponsor_member_add"
    ),
    path(
        "program/sponsor/<int:sponsor_id>/pengguna/<int:user_id>/lepas/",
        views_sponsors.sponsor_member_remove_view,
        name="sponsor_member_remove",
    ),
    path("program/<int:programme_id>/", views_programmes.programme_detail, name="programme"),
    path("program/<int:programme_id>/rencana/", views_plan.plan, name="plan"),
]
