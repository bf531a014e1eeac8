"""Who is calling: a personal API token (`Authorization: Bearer …`) resolved to an `Actor`.

The actor is the same one a page would see for the token's user (`accounts.actors.actor_for`),
so every endpoint asks the same policies as the pages. Public endpoints accept a call
without a token (the visitor's actor); a token that is present must be valid everywhere:
an unknown, revoked or expired token is 401, never silently a visitor.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from clusterhub.accounts import selectors, services
from clusterhub.accounts.actors import ANONYMOUS_ACTOR, Actor, actor_for


class ApiTokenAuth(HttpBearer):
    """Bearer-token authentication; `required=False` lets visitors through as anonymous."""

    def __init__(self, *, required: bool):
        self.required = required
        super().__init__()

    def __call__(self, request: HttpRequest) -> Actor | None:
        request.api_token = None
        if not request.headers.get(self.header):
            return None if self.required else ANONYMOUS_ACTOR
        scheme, _space, secret = request.headers[self.header].partition(" ")
        if scheme.lower() != self.openapi_scheme:
            raise AuthenticationError
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Actor:
        api_token = selectors.api_token_find_usable(secret=token)
        if api_token is None:
            raise AuthenticationError
        services.api_token_mark_used(token=api_token)
        request.api_token = api_token
        # django-simple-history's middleware reads `request.user`: the token's user acts.
        request.user = api_token.user
        return actor_for(api_token.user)


class OptionalApiTokenAuth(ApiTokenAuth):
    """A public endpoint's authentication: a token if one is sent, else the visitor.

    Its own class so the OpenAPI schema can say "no token, or a bearer token" for these
    operations (`conventions.ClusterHubAPI.get_openapi_schema`).
    """

    def __init__(self):
        super().__init__(required=False)


token_required = ApiTokenAuth(required=True)
token_optional = OptionalApiTokenAuth()


def actor_of(request: HttpRequest) -> Actor:
    """The caller's actor, as resolved by the endpoint's authentication."""
    return request.auth
