"""Who may see the source data: everyone. The statistics pages are public and read-only, so
the one refusal is a table that does not exist; only the program office imports tables."""

from __future__ import annotations

from django.http import Http404

from clusterhub.accounts.actors import Actor
from clusterhub.statistics.models import SourceTable


def access_source_table(table_id: str) -> SourceTable:
    """A source table by its id (`d000_results`, …) with its document; an unknown id is 404."""
    try:
        return SourceTable.objects.select_related("document").get(table_id=table_id)
    except SourceTable.DoesNotExist as exc:
        raise Http404 from exc


def source_table_can_import(actor: Actor) -> bool:
    """The program office publishes statistics; an imported table is public at once."""
    return actor.is_program_office
