"""A signed-in user's own page of personal API tokens: create one (shown once), revoke one."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from clusterhub.accounts import policies, selectors, services
from clusterhub.accounts.actors import actor_for
from clusterhub.accounts.forms import ApiTokenForm
from clusterhub.core.access import login_required_for_page


@require_http_methods(["GET", "HEAD", "POST"])
@login_required_for_page
def api_token_list(request: HttpRequest) -> HttpResponse:
    """The user's tokens; a valid POST creates one and shows its secret on this answer only."""
    form = ApiTokenForm(request.POST or None)
    created_secret = ""
    if request.method == "POST" and form.is_valid():
        _token, created_secret = services.api_token_create(
            actor=actor_for(request.user),
            user=request.user,
            name=form.cleaned_data["name"],
            expires_in_days=form.cleaned_data["expires_in_days"],
        )
        form = ApiTokenForm()
    context = {
        "form": form,
        "created_secret": created_secret,
        "tokens": selectors.api_token_list(user=request.user),
    }
    return render(request, "accounts/api_token_list.html", context)


@require_POST
@login_required_for_page
def api_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    actor = actor_for(request.user)
    token = policies.access_api_token(actor, token_id)
    services.api_token_revoke(actor=actor, token=token)
    return redirect("accounts:api_token_list")
