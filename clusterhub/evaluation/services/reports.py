"""The annual reports: requested by the program office, produced in the background, kept
as files for download."""

from __future__ import annotations

import time
import traceback

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction

from clusterhub.accounts.actors import Actor
from clusterhub.core.history import history_user
from clusterhub.core.tasks import background_task, enqueue
from clusterhub.evaluation import policies
from clusterhub.evaluation.models import ReportFile, ReportFormat, RunStatus
from clusterhub.evaluation.reports.build import annual_report_data
from clusterhub.evaluation.reports.pdf import render_pdf
from clusterhub.evaluation.reports.workbook import render_xlsx


def report_request(
    *, actor: Actor, year: int, level: str, language: str, formats: list[str]
) -> list[ReportFile]:
    """One file per format, each produced in the background after the commit."""
    if not policies.evaluation_can_manage(actor):
        raise PermissionDenied
    files = []
    with transaction.atomic():
        for fmt in formats:
            report = ReportFile.objects.create(
                year=year,
                level=level,
                language=language,
                format=fmt,
                requested_by=history_user(actor),
            )
            files.append(report)
            enqueue(report_produce, report_id=report.pk)
    return files


def report_bytes(*, year: int, level: str, language: str, fmt: str) -> bytes:
    """The report of a year and level as PDF or XLSX bytes (also `build-report`)."""
    data = annual_report_data(year=year, level=level, language=language)
    if fmt == ReportFormat.PDF:
        return render_pdf(data, language)
    return render_xlsx(data, language)


@background_task
def report_produce(*, report_id: int) -> None:
    """Produce a requested file and keep it; a failure is recorded on the file's row."""
    report = ReportFile.objects.get(pk=report_id)
    if report.status == RunStatus.DONE:
        return
    ReportFile.objects.filter(pk=report_id).update(status=RunStatus.RUNNING)
    started = time.perf_counter()
    try:
        content = report_bytes(
            year=report.year, level=report.level, language=report.language, fmt=report.format
        )
    except Exception:
        ReportFile.objects.filter(pk=report_id).update(
            status=RunStatus.FAILED, error=traceback.format_exc(limit=5)[-4000:]
        )
        raise
    report.file.save(report.file_name, ContentFile(content), save=False)
    report.size_bytes = len(content)
    report.duration_ms = int((time.perf_counter() - started) * 1000)
    report.status = RunStatus.DONE
    report.save(update_fields=["file", "size_bytes", "duration_ms", "status", "updated_at"])
