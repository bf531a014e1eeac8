"""The write path for API tokens: create, revoke, and note when one was last used.

Creating and revoking leave a history row with the actor and the reason, like every write.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from clusterhub.accounts import policies, tokens
from clusterhub.accounts.actors import Actor
from clusterhub.accounts.models import ApiToken, User
from clusterhub.core.history import save_with_reason

# How often `last_used_at` is written at most: one write per token per minute, not per call.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


@transaction.atomic
def api_token_create(
    *, actor: Actor, user: User, name: str, expires_in_days: int | None = None
) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with the token in clear, which is never stored."""
    if not policies.api_token_can_manage(actor, user):
        raise PermissionDenied
    secret = tokens.token_generate()
    expires_at = (
        timezone.now() + datetime.timedelta(days=expires_in_days) if expires_in_days else None
    )
    token = ApiToken(
        user=user,
        name=name,
        prefix=tokens.token_prefix(secret),
        token_hash=tokens.token_hash(secret),
        expires_at=expires_at,
    )
    save_with_reason(token, actor=actor, reason="api_token_create")
    return token, secret


@transaction.atomic
def api_token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    """Revoke a token: it stops working at once. Revoking twice changes nothing."""
    if not policies.api_token_can_manage(actor, token.user):
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        save_with_reason(
            token,
            actor=actor,
            reason="api_token_revoke",
            update_fields=["revoked_at", "updated_at"],
        )
    return token


def api_token_mark_used(*, token: ApiToken) -> None:
    """Note that the token was used now (shown on the token page).

    A plain update without history: using a token is not a change to it, and a history row
    per request would grow without bound. Written at most once a minute per token.
    """
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
