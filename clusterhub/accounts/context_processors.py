"""Template context about who is asking, shared by every page."""

from django.http import HttpRequest

from clusterhub.accounts.actors import actor_for
from clusterhub.accounts.can import Can


def actor(request: HttpRequest) -> dict:
    """The current actor (for showing who is signed in) and `can`, the only way a template
    asks a policy whether to show a link or a control (`accounts.can`)."""
    current = actor_for(request.user)
    return {"actor": current, "can": Can(current)}
