"""The annual reports: the list, a request for one, and the download of a produced file."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from clusterhub.accounts.actors import actor_for
from clusterhub.core.forms import form_add_validation_error
from clusterhub.evaluation import policies, selectors, services
from clusterhub.evaluation.forms import ReportRequestForm
from clusterhub.evaluation.models import ReportFormat
from clusterhub.evaluation.views.section import DEFAULT_LEVEL, manager, report_reader

CONTENT_TYPES = {
    ReportFormat.PDF: "application/pdf",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _reports_page(request: HttpRequest, form: ReportRequestForm | None) -> HttpResponse:
    return render(
        request,
        "evaluation/report_list.html",
        {"reports": selectors.report_files(), "form": form},
    )


@require_safe
def report_list(request: HttpRequest) -> HttpResponse:
    """The latest reports; for the program office, the form that requests one."""
    actor = report_reader(request)
    form = None
    if policies.evaluation_can_manage(actor):
        years = selectors.scorecard_years()
        form = ReportRequestForm(
            initial={
                "year": years[0] if years else None,
                "level": DEFAULT_LEVEL,
                "language": request.LANGUAGE_CODE,
            }
        )
    return _reports_page(request, form)


@require_POST
def report_request(request: HttpRequest) -> HttpResponse:
    """Produce a year and level's report in the background, in one or both formats."""
    actor = manager(request)
    form = ReportRequestForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            files = services.report_request(
                actor=actor,
                year=data["year"],
                level=data["level"],
                language=data["language"],
                formats=data["formats"],
            )
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            messages.success(
                request,
                _("Report requested: %(count)s file(s) are being produced.")
                % {"count": len(files)},
            )
            return redirect("evaluation:report_list")
    return _reports_page(request, form)


@require_safe
def report_download(request: HttpRequest, pk: int) -> FileResponse:
    """A produced report, as an attachment that no cache keeps."""
    actor = actor_for(request.user)
    report = policies.access_report_file(actor, pk)
    try:
        handle = report.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=report.file_name,
        content_type=CONTENT_TYPES.get(report.format, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    return response
