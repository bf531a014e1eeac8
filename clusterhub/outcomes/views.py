"""Outcome ledgers, follow-ups and success stories.

Views are thin: they ask `policies` for the object, call one selector or service, render.
Evidence files are private: they are served only through `record_evidence`, which asks the
policy, never from MEDIA_URL.
"""

from __future__ import annotations

import copy
import mimetypes

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from clusterhub.accounts.actors import actor_for
from clusterhub.core import downloads
from clusterhub.core.forms import form_add_validation_error, validation_error_text
from clusterhub.outcomes import policies, selectors, services
from clusterhub.outcomes.downloads import FOLLOWUP_COLUMNS, STORY_COLUMNS
from clusterhub.outcomes.forms import OutcomeRecordForm, StoryForm
from clusterhub.pipeline.workflow import State

FOLLOWUP_HORIZON_DAYS = 30
STORIES_PER_PAGE = 12


def _record_saved_message(request: HttpRequest, saved: services.RecordSaved) -> None:
    if not saved.changed:
        messages.info(request, _("Nothing changed."))
    elif saved.verification_withdrawn:
        messages.warning(
            request,
            _(
                "Value saved. It had been verified; the change withdrew the verification, so "
                "staff must verify it again."
            ),
        )
    else:
        messages.success(request, _("Value saved."))


# ---------------------------------------------------------------- ledgers


def _state_label(state: str) -> str:
    try:
        return State(state).label
    except ValueError:
        return state


def _ledger_context(actor, application, form) -> dict:
    ledger = selectors.application_ledger(
        application=application,
        organization_ids=policies.ledger_organization_ids(actor, application),
    )
    return {
        "application": application,
        "state_label": _state_label(application.state),
        "ledger": ledger,
        "form": form,
        "editable_ids": policies.record_editable_organization_ids(actor, application),
        "company_ledger_ids": {
            grid.organization.pk
            for grid in ledger.grids
            if policies.company_ledger_can_view(actor, grid.organization)
        },
        "can_verify": policies.record_can_verify(actor, application),
        "can_write_story": policies.story_can_edit(actor, application),
        "story": selectors.story_for_application(application=application),
    }


@require_http_methods(["GET", "POST"])
def ledger(request: HttpRequest, pk: int) -> HttpResponse:
    """A project's ledger: a grid per company, a form to record values, verify buttons."""
    actor = actor_for(request.user)
    application = policies.access_application_for_ledger(actor, pk)
    editable_ids = policies.record_editable_organization_ids(actor, application)
    if request.method == "POST" and not editable_ids:
        raise PermissionDenied
    form = None
    if editable_ids:
        form = OutcomeRecordForm(
            request.POST or None,
            request.FILES or None,
            organizations=selectors.organizations_recordable(organization_ids=editable_ids),
            initial={"organization": application.organization_id},
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.outcome_record_save(
                actor=actor,
                application=application,
                organization=data["organization"],
                metric=data["metric"],
                period=data["period"],
                value=data["value"],
                evidence=data["evidence"],
                note=data["note"],
            )
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            _record_saved_message(request, saved)
            return redirect("outcomes:ledger", pk=application.pk)
    return render(request, "outcomes/ledger.html", _ledger_context(actor, application, form))


@require_http_methods(["GET", "POST"])
def record_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct one value; htmx loads the form beside the grid."""
    actor = actor_for(request.user)
    record = policies.access_record(actor, pk)
    if not policies.record_can_edit(actor, record.application, record.organization_id):
        raise PermissionDenied
    form = OutcomeRecordForm(request.POST or None, request.FILES or None, record=record)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.outcome_record_save(
                actor=actor,
                application=record.application,
                organization=record.organization,
                metric=record.metric,
                period=record.period,
                value=data["value"],
                evidence=data["evidence"],
                remove_evidence=data.get("remove_evidence", False),
                note=data["note"],
            )
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            _record_saved_message(request, saved)
            return redirect("outcomes:ledger", pk=record.application_id)
    template = "outcomes/partials/record_form.html" if request.htmx else "outcomes/record_form.html"
    return render(request, template, {"form": form, "record": record})


@require_POST
def record_verify(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff confirm a value; htmx swaps the cell in place."""
    actor = actor_for(request.user)
    record = policies.access_record(actor, pk)
    error_message = ""
    try:
        verified = services.outcome_record_verify(actor=actor, record=record)
    except ValidationError as error:
        error_message = validation_error_text(error)
    else:
        verified.application, verified.organization = record.application, record.organization
        record = verified
    if request.htmx:
        context = {
            "cell": selectors.ledger_cell(record=record),
            "editable_ids": policies.record_editable_organization_ids(actor, record.application),
            "can_verify": True,
            "error_message": error_message,
        }
        return render(request, "outcomes/partials/ledger_cell.html", context)
    if error_message:
        messages.error(request, error_message)
    else:
        messages.success(request, _("Value verified."))
    return redirect("outcomes:ledger", pk=record.application_id)


@require_safe
def record_evidence(request: HttpRequest, pk: int) -> FileResponse:
    """The evidence file, to those who may see the record; always as a download."""
    actor = actor_for(request.user)
    record = policies.access_record(actor, pk)
    if not record.evidence:
        raise Http404
    try:
        handle = record.evidence.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = mimetypes.guess_type(record.evidence_name)[0] or "application/octet-stream"
    response = FileResponse(
        handle, as_attachment=True, filename=record.evidence_name, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def company_ledger(request: HttpRequest, slug: str) -> HttpResponse:
    """One company's outcomes across its projects (regional staff: their zone's projects)."""
    actor = actor_for(request.user)
    organization = policies.access_company_ledger(actor, slug)
    ledgers = selectors.company_ledger(
        organization=organization,
        scope=policies.company_ledger_scope(actor, organization),
    )
    today = timezone.localdate()
    return render(
        request,
        "outcomes/company_ledger.html",
        {"organization": organization, "ledgers": ledgers, "today": today},
    )


@require_safe
def followups_due(request: HttpRequest) -> HttpResponse:
    """Follow-up years due, overdue or coming within 30 days, in the actor's scope."""
    actor = actor_for(request.user)
    if not policies.followups_can_view(actor):
        raise PermissionDenied
    followups = selectors.followups_due(
        today=timezone.localdate(),
        scope=policies.followups_scope(actor),
        horizon_days=FOLLOWUP_HORIZON_DAYS,
    )
    if request_format := downloads.requested_format(request):
        return downloads.list_download(request_format, "follow-ups", FOLLOWUP_COLUMNS, followups)
    return render(
        request,
        "outcomes/followups_due.html",
        {"followups": followups, "horizon_days": FOLLOWUP_HORIZON_DAYS},
    )


# ---------------------------------------------------------------- success stories


def _story_page(request, actor, application, story, form) -> HttpResponse:
    context = {
        "application": application,
        "story": story,
        "form": form,
        "can_consent": policies.story_can_consent(actor, application),
        "can_publish": policies.story_can_publish(actor, application),
        "publish_problems": services.story_publish_problems(story) if story else [],
    }
    return render(request, "outcomes/story_edit.html", context)


@require_http_methods(["GET", "POST"])
def story_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Write a completed project's story in both languages; consent and publication below."""
    actor = actor_for(request.user)
    application = policies.access_application_for_story(actor, pk)
    story = selectors.story_for_application(application=application)
    # The form edits its own copy: the service compares against the stored text.
    form = StoryForm(request.POST or None, instance=copy.copy(story))
    if request.method == "POST" and form.is_valid():
        had_consent = bool(story and story.has_consent)
        try:
            saved = services.story_save(
                actor=actor,
                application=application,
                **{name: form.cleaned_data[name] for name in services.STORY_TEXT_FIELDS},
            )
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            if had_consent and not saved.has_consent:
                messages.warning(
                    request,
                    _(
                        "Story saved. The text changed, so the company's consent was withdrawn; "
                        "the company must consent again."
                    ),
                )
            else:
                messages.success(request, _("Story saved."))
            return redirect("outcomes:story_edit", pk=application.pk)
    return _story_page(request, actor, application, story, form)


def _story_action(request: HttpRequest, pk: int, service, success: str) -> HttpResponse:
    actor = actor_for(request.user)
    application = policies.access_application_for_story(actor, pk)
    story = selectors.story_for_application(application=application)
    if story is None:
        raise Http404
    story.application = application
    try:
        service(actor=actor, story=story)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("outcomes:story_edit", pk=application.pk)


@require_POST
def story_consent(request: HttpRequest, pk: int) -> HttpResponse:
    return _story_action(
        request, pk, services.story_record_consent, _("Consent recorded. Thank you.")
    )


@require_POST
def story_withdraw_consent(request: HttpRequest, pk: int) -> HttpResponse:
    return _story_action(
        request,
        pk,
        services.story_withdraw_consent,
        _("Consent withdrawn. The story is not public."),
    )


@require_POST
def story_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _story_action(request, pk, services.story_publish, _("The story is published."))


@require_POST
def story_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    return _story_action(request, pk, services.story_unpublish, _("The story is no longer public."))


@require_safe
def story_list(request: HttpRequest) -> HttpResponse:
    """The public success stories, newest first."""
    stories = selectors.story_list_published()
    if request_format := downloads.requested_format(request):
        return downloads.list_download(request_format, "success-stories", STORY_COLUMNS, stories)
    page = Paginator(stories, STORIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "outcomes/story_list.html", {"page": page})


@require_safe
def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    story = policies.access_story_for_view(actor, pk)
    return render(
        request,
        "outcomes/story_detail.html",
        {"story": story, "can_edit": policies.story_can_edit(actor, story.application)},
    )
