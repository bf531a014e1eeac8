"""Who may use the import page and see an import batch.

The program office and regional staff may upload; which rows each may write is decided
row by row by the policies of the rows' own apps (an organization of their zone, a mini
cluster they manage, …), so there is no second permission path here.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from clusterhub.accounts.actors import Actor
from clusterhub.accounts.can import template_question
from clusterhub.directory.models import Organization
from clusterhub.exchange.models import ImportBatch


@template_question
def import_can_upload(actor: Actor) -> bool:
    return actor.is_staff_of_program


def batch_can_view(actor: Actor, batch: ImportBatch) -> bool:
    """The person who uploaded it, and the program office."""
    return actor.is_program_office or batch.uploaded_by_id == actor.user.pk


def access_batch(actor: Actor, pk: int, *, for_write: bool = False) -> ImportBatch:
    batches = ImportBatch.objects.select_related("uploaded_by")
    if for_write:
        batches = batches.select_for_update()
    try:
        batch = batches.get(pk=pk)
    except ImportBatch.DoesNotExist as exc:
        raise Http404 from exc
    if not batch_can_view(actor, batch):
        raise PermissionDenied
    return batch


def batch_can_commit(actor: Actor, batch: ImportBatch) -> bool:
    """Only the uploader: the import writes as them, and history names them."""
    return batch.uploaded_by_id == actor.user.pk


def organization_export_columns(actor: Actor, columns: tuple[str, ...]) -> tuple[str, ...]:
    """The directory download's columns: private ones only for the program office, which may
    see every organization's; anyone else gets `Organization.PUBLIC_FIELDS` and the key."""
    if actor.is_program_office:
        return columns
    return tuple(name for name in columns if name not in Organization.PRIVATE_FIELDS)
