"""Reads for API tokens: a user's tokens, and the token a request presents."""

from django.db.models import QuerySet
from django.utils import timezone

from clusterhub.accounts import tokens
from clusterhub.accounts.models import ApiToken, User


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    """The user's tokens, newest first, revoked ones included (so the owner sees them end)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def api_token_find_usable(*, secret: str) -> ApiToken | None:
    """The live token with this secret (not revoked, not expired, of an active user), or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=tokens.token_hash(secret), user__is_active=True)
        .first()
    )
    if token is None or not token.is_usable_at(timezone.now()):
        return None
    return token
