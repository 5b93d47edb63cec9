from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jaring.accounts.access import access_api_token, require_capability
from jaring.accounts.client_ip import client_ip
from jaring.accounts.forms import ApiTokenForm, ThrottledLoginForm
from jaring.accounts.models import LoginFailure, User
from jaring.accounts.roles import Cap
from jaring.accounts.services import (
    api_token_create,
    api_token_revoke,
    login_failure_record,
    login_success_record,
)
from jaring.accounts.setup_check import NOT_SET_UP, schema_missing

# Plain HTML: the site's base template reads the database through its context processors.
_NOT_SET_UP_PAGE = f'<!doctype html><html lang="id"><title>Jaring</title><p>{NOT_SET_UP}</p></html>'


_set_up = False


def _check_set_up() -> None:
    """One cheap query until the schema is seen once (a GET alone might touch no table)."""
    global _set_up
    if not _set_up:
        LoginFailure.objects.exists()
        _set_up = True


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = ThrottledLoginForm
    redirect_authenticated_user = True

    def dispatch(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        # The first page anyone opens: before `jaring setup` it says what to do instead of a 500.
        try:
            _check_set_up()
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        except DatabaseError as exc:
            if not schema_missing(exc):
                raise
            return HttpResponse(_NOT_SET_UP_PAGE, status=503)
        return response

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        assert isinstance(user, User)
        login_success_record(user=user, ip=client_ip(self.request))
        return response

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        username = self.request.POST.get("username", "")
        locked = any(e.code == "locked" for e in form.non_field_errors().as_data())
        if username and not locked:
            login_failure_record(username=username, ip=client_ip(self.request))
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    pass


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, Cap.TOKENS_OWN)
    user = request.user
    assert isinstance(user, User)
    issued = None
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        issued = api_token_create(user=user, name=form.cleaned_data["name"])
        form = ApiTokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "issued": issued, "tokens": user.api_tokens.filter(revoked_at__isnull=True)},
    )


@require_POST
@login_required
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    token = access_api_token(user, token_id)
    api_token_revoke(user=user, token_id=token.pk)
    messages.success(request, _("Token dicabut."))
    return redirect("accounts:tokens")
