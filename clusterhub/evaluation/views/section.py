"""Who has the evaluation section, asked first by every page that fetches no object, and the
query parameters the pages share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from clusterhub.accounts.actors import Actor, actor_for
from clusterhub.evaluation import policies
from clusterhub.evaluation.models import Level

DEFAULT_LEVEL = Level.ZONE


def viewer(request: HttpRequest) -> Actor:
    """The actor, if the evaluation section is theirs (anonymous visitors are sent to log in)."""
    actor = actor_for(request.user)
    if not policies.evaluation_can_view(actor):
        raise PermissionDenied
    return actor


def manager(request: HttpRequest) -> Actor:
    """The actor, if they run evaluation (the program office)."""
    actor = actor_for(request.user)
    if not policies.evaluation_can_manage(actor):
        raise PermissionDenied
    return actor


def report_reader(request: HttpRequest) -> Actor:
    """The actor, if they may read the annual reports."""
    actor = actor_for(request.user)
    if not policies.reports_can_view(actor):
        raise PermissionDenied
    return actor


def int_or_none(text: str | None) -> int | None:
    """A query parameter as a number, or None when it is missing or not one."""
    try:
        return int(text) if text else None
    except ValueError:
        return None
