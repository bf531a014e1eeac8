"""Who may open the account-wide tools (see accounts/can.py for how templates ask)."""

from clusterhub.accounts.actors import Actor
from clusterhub.accounts.can import template_question


@template_question
def admin_can_open(actor: Actor) -> bool:
    """Django's administration, guarded by its own staff flag."""
    return actor.is_authenticated and bool(actor.user.is_staff)
