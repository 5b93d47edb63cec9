from django.urls import path

from jaring.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", views.LogoutView.as_view(), name="logout"),
    path("token/", views.tokens, name="tokens"),
    path("token/<int:token_id>/cabut/", views.token_revoke, name="token_revoke"),
]
