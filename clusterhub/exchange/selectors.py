"""Reads for the import page and the downloads."""

from __future__ import annotations

from django.db.models import QuerySet

from clusterhub.accounts.actors import Actor
from clusterhub.exchange.models import ImportBatch

RECENT_BATCHES = 20


def batch_list_for(*, actor: Actor) -> QuerySet[ImportBatch]:
    """The actor's own recent uploads, newest first."""
    return ImportBatch.objects.filter(uploaded_by=actor.user)[:RECENT_BATCHES]
