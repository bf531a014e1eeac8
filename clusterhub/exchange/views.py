"""The import page (upload, preview, commit, progress) and the directory's download."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from clusterhub.accounts.actors import Actor, actor_for
from clusterhub.directory import selectors as directory_selectors
from clusterhub.directory.filters import OrganizationFilter
from clusterhub.exchange import policies, selectors, services
from clusterhub.exchange.exporting import CONTENT_TYPES, FORMATS, export_file
from clusterhub.exchange.forms import ImportUploadForm
from clusterhub.exchange.kinds import importer_class


def _uploader(request: HttpRequest) -> Actor:
    actor = actor_for(request.user)
    if not policies.import_can_upload(actor):
        raise PermissionDenied
    return actor


@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest) -> HttpResponse:
    """Upload a file; it is checked (a dry run) and its preview shown before anything is written."""
    actor = _uploader(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            batch = services.batch_upload(
                actor=actor,
                kind=data["kind"],
                upload=data["file"],
                options={name: data[name] for name in ("table", "title", "publisher")},
            )
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            return redirect(batch)
    context = {"form": form, "batches": selectors.batch_list_for(actor=actor)}
    return render(request, "exchange/import_start.html", context)


@require_safe
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A batch's preview or report; while a job runs, htmx refreshes its progress every 2 s."""
    actor = actor_for(request.user)
    batch = policies.access_batch(actor, pk)
    context = {"batch": batch, "can_commit": policies.batch_can_commit(actor, batch)}
    if request.htmx:
        return render(request, "exchange/partials/batch_progress.html", context)
    return render(request, "exchange/batch_detail.html", context)


@require_POST
def batch_commit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    with transaction.atomic():
        batch = policies.access_batch(actor, pk, for_write=True)
        try:
            services.batch_commit(actor=actor, batch=batch)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    return redirect(batch)


@require_safe
def organization_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The directory's list, with its current filters, as a file `clusterhub import` reads."""
    if fmt not in FORMATS:
        raise Http404
    actor = actor_for(request.user)
    filterset = OrganizationFilter(
        request.GET or None, queryset=directory_selectors.organization_list()
    )
    columns = policies.organization_export_columns(
        actor, tuple(column.name for column in importer_class("organizations").columns)
    )
    content = export_file("organizations", fmt, objects=filterset.qs, columns=columns)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="organizations.{fmt}"'
    return response
