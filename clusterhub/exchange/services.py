"""The import page's write path: store an upload, preview it, commit it.

Files of more than `LARGE_FILE_ROWS` rows are checked and imported by a background job
(`clusterhub.core.tasks.enqueue`), which records its progress on the batch for the page's
progress bar; smaller ones are done within the request. Either way the import runs as the
uploader, through `run_import`, so the page, the command and the API write alike.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterhub.accounts.actors import Actor, actor_for
from clusterhub.core.tasks import background_task, enqueue
from clusterhub.exchange import policies
from clusterhub.exchange.files import SpreadsheetError, read_table
from clusterhub.exchange.importing import ImportReport, run_import
from clusterhub.exchange.kinds import importer_class
from clusterhub.exchange.models import BatchStatus, ImportBatch

logger = logging.getLogger(__name__)
LARGE_FILE_ROWS = 5000
SAMPLE_ROWS_PER_ACTION = 20
SHOWN_ERRORS = 500


def batch_upload(
    *, actor: Actor, kind: str, upload: UploadedFile, options: dict | None = None
) -> ImportBatch:
    """Keep the file with its uploader and check it: now, or in the background if large."""
    if not policies.import_can_upload(actor):
        raise PermissionDenied
    try:
        rows = list(read_table(upload, upload.name))
    except SpreadsheetError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    upload.seek(0)
    batch = ImportBatch.objects.create(
        kind=kind,
        file=upload,
        file_name=upload.name,
        options={k: v for k, v in (options or {}).items() if v},
        uploaded_by=actor.user,
        total_rows=max(len(rows) - 1, 0),
    )
    if batch.total_rows > LARGE_FILE_ROWS:
        enqueue(batch_process, batch_id=batch.pk, commit=False)
    else:
        _process(batch, rows, commit=False)
    return batch


def batch_commit(*, actor: Actor, batch: ImportBatch) -> ImportBatch:
    """Import a previewed file without errors; the rows are checked again as they are written."""
    if not policies.batch_can_commit(actor, batch):
        raise PermissionDenied
    if batch.status != BatchStatus.PREVIEWED or batch.has_errors:
        raise ValidationError(_("Only a checked file without errors can be imported."))
    batch.status = BatchStatus.COMMITTING
    batch.done_rows = 0
    batch.save(update_fields=["status", "done_rows", "updated_at"])
    if batch.total_rows > LARGE_FILE_ROWS:
        enqueue(batch_process, batch_id=batch.pk, commit=True)
    else:
        _process(batch, None, commit=True)
    return batch


@background_task
def batch_process(*, batch_id: int, commit: bool) -> None:
    """Check (or import) a stored batch; a batch already past that step is left alone."""
    batch = ImportBatch.objects.select_related("uploaded_by").get(pk=batch_id)
    expected = BatchStatus.COMMITTING if commit else BatchStatus.PREVIEWING
    if batch.status != expected:
        return
    try:
        _process(batch, None, commit=commit)
    except Exception:
        # The import's own transaction has rolled back; say so on the page instead of
        # leaving the progress bar running forever.
        logger.exception("import batch %s failed", batch_id)
        message = _("The import stopped with an unexpected error; nothing was written.")
        ImportBatch.objects.filter(pk=batch_id).update(
            status=BatchStatus.FAILED,
            finished_at=timezone.now(),
            report={
                "created": 0,
                "updated": 0,
                "unchanged": 0,
                "errors": [{"row": 0, "column": "", "message": message}],
                "error_count": 1,
            },
        )


def _process(batch: ImportBatch, rows: list[list[str]] | None, *, commit: bool) -> None:
    importer = importer_class(batch.kind)(
        actor_for(batch.uploaded_by), file_name=batch.file_name, **batch.options
    )
    if rows is None:
        with batch.file.open("rb") as handle:
            rows = list(read_table(handle, batch.file_name))

    def progress(done: int, total: int) -> None:
        ImportBatch.objects.filter(pk=batch.pk).update(done_rows=done)

    report = run_import(importer, rows, dry_run=not commit, progress=progress)
    batch.report = _summary(report)
    batch.done_rows = batch.total_rows
    if not commit:
        batch.status = BatchStatus.PREVIEWED
    else:
        batch.status = BatchStatus.FAILED if report.errors else BatchStatus.DONE
        batch.finished_at = timezone.now()
    batch.save()


def _summary(report: ImportReport) -> dict:
    """What the page shows: the counts, the first errors, and a sample of each action."""
    samples: dict[str, list] = {"create": [], "update": []}
    for plan in report.plans:
        shown = samples.get(plan.action)
        if shown is not None and len(shown) < SAMPLE_ROWS_PER_ACTION:
            shown.append({"row": plan.row, "key": plan.key, "fields": sorted(plan.changes)})
    return {
        **report.as_dict(),
        "errors": [error.as_dict() for error in report.errors[:SHOWN_ERRORS]],
        "error_count": len(report.errors),
        "samples": samples,
    }
