"""The write path for imported statistics tables.

A table someone imports is a source of its own: one `SourceDocument` (`import/<table id>`)
holds its provenance — the file, who imported it and when, the publisher — and one
`SourceTable` its observations. Observations carry no history of their own; the document's
provenance is updated whenever the table's figures change.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterhub.accounts.actors import Actor
from clusterhub.statistics import policies
from clusterhub.statistics.models import Observation, SourceDocument, SourceTable

IMPORTED_PREFIX = "import/"
OBSERVATION_FIELDS = ("source_row", "value", "printed", "unit", "note")


def imported_table_is_taken(table_id: str) -> bool:
    """Whether `table_id` names a table of the loaded sources, which an import may not touch."""
    return SourceTable.objects.filter(
        table_id=table_id, document__imported_at__isnull=True
    ).exists()


@transaction.atomic
def imported_table_save(
    *,
    actor: Actor,
    table_id: str,
    title: str,
    publisher: str,
    file_name: str,
    created: list[Observation],
    updated: list[Observation],
) -> SourceTable:
    """Create or extend an imported table with its observations, recording the provenance."""
    if not policies.source_table_can_import(actor):
        raise PermissionDenied
    if imported_table_is_taken(table_id):
        raise ValidationError(
            {"table_id": _("This table comes from the loaded sources; choose another id.")}
        )
    document, _created = SourceDocument.objects.get_or_create(
        file_name=f"{IMPORTED_PREFIX}{table_id}"[:100],
        defaults={"title_ko": title, "title_en": title},
    )
    document.title_ko = document.title_en = title
    document.publisher = publisher
    document.imported_file = file_name
    document.imported_by = actor.user if actor.is_authenticated else None
    document.imported_at = timezone.now()
    document.full_clean()
    document.save()
    unit = (created or updated)[0].unit if (created or updated) else ""
    table, _created = SourceTable.objects.get_or_create(
        table_id=table_id,
        defaults={
            "document": document,
            "title_ko": title,
            "title_en": title,
            "section": file_name,
            "default_unit": unit,
        },
    )
    if (table.title_ko, table.title_en) != (title, title):
        table.title_ko = table.title_en = title
        table.save(update_fields=["title_ko", "title_en", "updated_at"])
    for observation in created:
        observation.table = table
    Observation.objects.bulk_create(created, batch_size=500)
    Observation.objects.bulk_update(updated, OBSERVATION_FIELDS, batch_size=500)
    return table
