"""Writes that leave a django-simple-history row with the actor and the reason.

Every app's services save through these, so "who changed what, when and why" is recorded
the same way everywhere.
"""

from __future__ import annotations

from typing import Any, Protocol


class HistoryActor(Protocol):
    """Whoever makes a change, as far as history cares: `accounts.actors.Actor` is one.

    Core sits below accounts, so it names only what it reads.
    """

    @property
    def user(self) -> Any: ...

    @property
    def is_authenticated(self) -> bool: ...


def history_user(actor: HistoryActor | None):
    return actor.user if actor is not None and actor.is_authenticated else None


def save_with_reason(
    instance, *, actor: HistoryActor | None, reason: str, update_fields=None, clean: bool = True
) -> None:
    """Validate and save, recording the actor and the reason in the instance's history."""
    instance._change_reason = reason
    instance._history_user = history_user(actor)
    if clean:
        instance.full_clean()
    instance.save(update_fields=update_fields)


def delete_with_reason(instance, *, actor: HistoryActor | None, reason: str) -> None:
    instance._change_reason = reason
    instance._history_user = history_user(actor)
    instance.delete()
