"""Account-wide questions: who may open the administration, who may manage whose API tokens,
and how a token is fetched (see accounts/can.py for how templates ask)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from clusterhub.accounts.actors import Actor
from clusterhub.accounts.can import template_question
from clusterhub.accounts.models import ApiToken, User


@template_question
def admin_can_open(actor: Actor) -> bool:
    """Django's administration, guarded by its own staff flag."""
    return actor.is_authenticated and bool(actor.user.is_staff)


def api_token_can_manage(actor: Actor, user: User) -> bool:
    """A user manages their own tokens; the program office (and the command line) anyone's."""
    if actor.is_program_office:
        return True
    return actor.is_authenticated and actor.user.pk == user.pk


def access_api_token(actor: Actor, pk: int) -> ApiToken:
    """A token its owner (or the program office) may revoke: 404 if absent, 403 if not theirs."""
    try:
        token = ApiToken.objects.select_related("user").get(pk=pk)
    except ApiToken.DoesNotExist as exc:
        raise Http404 from exc
    if not api_token_can_manage(actor, token.user):
        raise PermissionDenied
    return token
