"""Template context shared by every page."""

from django.http import HttpRequest

from clusterhub.accounts.actors import actor_for


def actor(request: HttpRequest) -> dict:
    """The current actor, so templates show only the links a user may follow."""
    return {"actor": actor_for(request.user)}
