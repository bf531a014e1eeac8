"""Helpers for the API's tests: a token for a user, and the headers that carry it."""

import pytest
from django.core.cache import cache

from clusterhub.accounts.actors import actor_for
from clusterhub.accounts.services import api_token_create

API = "/api/v1"


def token_for(user) -> str:
    """A fresh personal API token for `user`, made as on their token page."""
    _token, secret = api_token_create(actor=actor_for(user), user=user, name="tests")
    return secret


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """Each test counts its calls from zero."""
    cache.clear()
    yield
    cache.clear()
