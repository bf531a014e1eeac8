"""Personal API tokens: made on the user's page or the command line, shown once, stored as
a hash, recognised by `Authorization: Bearer`, noted when used, revoked for good."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from clusterhub.accounts.models import ApiToken
from clusterhub.accounts.tokens import token_hash
from tests import factories as f
from tests.api.conftest import API, bearer, token_for

pytestmark = pytest.mark.django_db


def test_a_token_made_on_the_page_is_shown_once_and_stored_as_a_hash(client):
    # given a signed-in user on their token page
    user = f.UserFactory()
    client.force_login(user)
    # when they create a token
    response = client.post(reverse("accounts:api_token_list"), {"name": "My script"})
    # then its secret is on this answer only, and only its hash is stored
    secret = response.context["created_secret"]
    token = ApiToken.objects.get(user=user)
    assert secret.startswith("ch_")
    assert secret in response.content.decode()
    assert token.token_hash == token_hash(secret)
    assert secret not in token.token_hash
    assert token.prefix == secret[:10]
    assert secret not in client.get(reverse("accounts:api_token_list")).content.decode()
    assert token.history.get().history_change_reason == "api_token_create"
    assert token.history.get().history_user == user


def test_a_token_opens_the_signed_api_and_notes_when_it_was_used(client):
    # given a company member's token
    user = f.CompanyMemberFactory()
    secret = token_for(user)
    # when it is used
    response = client.get(f"{API}/difficulties", **bearer(secret))
    # then the call is served and the token shows when it was last used
    assert response.status_code == 200
    assert ApiToken.objects.get(user=user).last_used_at is not None


def test_a_revoked_token_is_refused(client):
    # given a user who revokes their token on their page
    user = f.UserFactory()
    secret = token_for(user)
    token = ApiToken.objects.get(user=user)
    client.force_login(user)
    client.post(reverse("accounts:api_token_revoke", kwargs={"token_id": token.pk}))
    # when the token is used
    response = client.get(f"{API}/difficulties", **bearer(secret))
    # then it is refused, and the revocation is in the token's history
    token.refresh_from_db()
    assert response.status_code == 401
    assert token.revoked_at is not None
    assert token.history.first().history_change_reason == "api_token_revoke"


def test_an_expired_token_is_refused(client):
    user = f.UserFactory()
    secret = token_for(user)
    ApiToken.objects.filter(user=user).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert client.get(f"{API}/difficulties", **bearer(secret)).status_code == 401


def test_a_token_of_a_deactivated_user_is_refused(client):
    user = f.UserFactory()
    secret = token_for(user)
    user.is_active = False
    user.save()
    assert client.get(f"{API}/difficulties", **bearer(secret)).status_code == 401


def test_someone_else_cannot_revoke_my_token(client):
    # given my token and another user
    mine = ApiToken.objects.get(pk=_token_of(f.UserFactory()))
    client.force_login(f.UserFactory())
    # when they try to revoke it
    response = client.post(reverse("accounts:api_token_revoke", kwargs={"token_id": mine.pk}))
    # then they are refused and it still works
    mine.refresh_from_db()
    assert response.status_code == 403
    assert mine.revoked_at is None


def _token_of(user) -> int:
    token_for(user)
    return ApiToken.objects.filter(user=user).latest("pk").pk


def test_the_command_creates_lists_and_revokes_a_token(client):
    # given a user
    user = f.UserFactory(username="kim")
    # when a token is created on the command line
    out = StringIO()
    call_command(
        "api_token", "create", "--user", "kim", "--name", "ETL", "--expires", "30", stdout=out
    )
    secret = out.getvalue().strip()
    # then it works, expires in thirty days, and is listed by its prefix, never in full
    token = ApiToken.objects.get(user=user)
    assert client.get(f"{API}/difficulties", **bearer(secret)).status_code == 200
    assert (token.expires_at - timezone.now()).days in (29, 30)
    listing = StringIO()
    call_command("api_token", "list", "--user", "kim", stdout=listing)
    assert token.prefix in listing.getvalue()
    assert secret not in listing.getvalue()
    # and once revoked by its prefix, it is refused
    call_command("api_token", "revoke", "--user", "kim", token.prefix, stdout=StringIO())
    assert client.get(f"{API}/difficulties", **bearer(secret)).status_code == 401
    assert token.history.first().history_change_reason == "api_token_revoke"


def test_the_command_refuses_an_unknown_user():
    with pytest.raises(CommandError, match="no user named"):
        call_command("api_token", "create", "--user", "nobody", "--name", "x")
