"""Pipeline pages: the coordinator's inbox, difficulties, applications and their timeline,
execution, and the funnel. Thin: parse, ask the policy, call one service, render."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from clusterhub.accounts.actors import actor_for
from clusterhub.core import downloads
from clusterhub.core.access import login_required_for_page
from clusterhub.core.forms import (
    form_add_validation_error,
    form_errors_text,
    validation_error_text,
)
from clusterhub.networks.selectors import activity_find
from clusterhub.pipeline import policies, selectors, services, workflow
from clusterhub.pipeline.downloads import APPLICATION_COLUMNS, DIFFICULTY_COLUMNS
from clusterhub.pipeline.forms import (
    ApplicationForm,
    ConvertForm,
    DifficultyForm,
    DisbursementForm,
    MilestoneDoneForm,
    MilestoneForm,
    ParticipantForm,
    TransitionForm,
)
from clusterhub.pipeline.models import DifficultyStatus


@require_safe
@login_required_for_page
def inbox(request: HttpRequest) -> HttpResponse:
    """The coordinator's inbox: open difficulties of their mini clusters, by urgency."""
    actor = actor_for(request.user)
    if not policies.inbox_can_view(actor):
        raise PermissionDenied
    difficulties = selectors.difficulty_inbox(actor=actor)
    if request_format := downloads.requested_format(request):
        return downloads.list_download(
            request_format, "difficulties", DIFFICULTY_COLUMNS, difficulties
        )
    page = Paginator(difficulties, 50).get_page(request.GET.get("page"))
    return render(request, "pipeline/inbox.html", {"page": page})


@require_http_methods(["GET", "POST"])
@login_required_for_page
def difficulty_create(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    initial = {}
    activity_id = request.GET.get("activity")
    if activity_id and activity_id.isdigit():
        activity = activity_find(pk=int(activity_id))
        if activity:
            initial = {"activity": activity.pk, "mini_cluster": activity.mini_cluster_id}
    if actor.organization_ids and len(actor.organization_ids) == 1:
        initial["organization"] = next(iter(actor.organization_ids))
    form = DifficultyForm(request.POST or None, actor=actor, initial=initial)
    if not form.offers_a_mini_cluster():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            difficulty = services.difficulty_report(actor=actor, **form.cleaned_data)
        except ValidationError as error:
            form_add_validation_error(form, error)
        except PermissionDenied:
            form.add_error(
                None, _("You may not report a difficulty for this company in this mini cluster.")
            )
        else:
            messages.success(request, _("Difficulty recorded."))
            return redirect(difficulty)
    return render(request, "pipeline/difficulty_form.html", {"form": form})


@require_safe
def difficulty_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    difficulty = policies.access_difficulty(actor, pk)
    can_convert = policies.difficulty_can_convert(actor, difficulty)
    siblings = selectors.difficulty_open_siblings(difficulty=difficulty) if can_convert else []
    context = {
        "difficulty": difficulty,
        "can_convert": can_convert and difficulty.status == DifficultyStatus.OPEN,
        "convert_form": ConvertForm(year=timezone.localdate().year),
        "siblings": siblings,
        "applications": selectors.difficulty_applications(difficulty=difficulty),
    }
    return render(request, "pipeline/difficulty_detail.html", context)


@require_POST
def difficulty_convert(request: HttpRequest, pk: int) -> HttpResponse:
    """One click: turn this difficulty (and chosen open siblings) into a draft application."""
    actor = actor_for(request.user)
    difficulty = policies.access_difficulty(actor, pk)
    if not policies.difficulty_can_convert(actor, difficulty):
        raise PermissionDenied
    year = int(request.POST.get("year") or 0) or timezone.localdate().year
    form = ConvertForm(request.POST, year=year)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return redirect(difficulty)
    extra_ids = [int(i) for i in request.POST.getlist("also") if i.isdigit()]
    extra = selectors.difficulty_siblings_chosen(difficulty=difficulty, pks=extra_ids)
    try:
        application = services.difficulty_convert_to_application(
            actor=actor, difficulties=[difficulty, *extra], **form.cleaned_data
        )
    except ValidationError as error:
        messages.error(request, validation_error_text(error))
        return redirect(difficulty)
    messages.success(
        request,
        _("Draft application %(ref)s created from the difficulty.")
        % {"ref": application.reference},
    )
    return redirect("pipeline:application_edit", pk=application.pk)


@require_POST
def difficulty_close(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    difficulty = policies.access_difficulty(actor, pk)
    try:
        services.difficulty_close(actor=actor, difficulty=difficulty)
    except ValidationError as error:
        messages.error(request, validation_error_text(error))
    else:
        messages.success(request, _("Difficulty closed."))
    return redirect(difficulty)


@require_safe
@login_required_for_page
def application_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    year = request.GET.get("year", "")
    state = request.GET.get("state", "")
    applications = selectors.application_list(
        actor=actor,
        year=int(year) if year.isdigit() else None,
        state=state,
        support_type=request.GET.get("support_type", ""),
    )
    if request_format := downloads.requested_format(request):
        return downloads.list_download(
            request_format, "applications", APPLICATION_COLUMNS, applications
        )
    page = Paginator(applications, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "states": workflow.State.choices,
        "state": state,
        "year": year,
        "difficulties": selectors.difficulty_list_for_company(actor=actor)[:20],
    }
    return render(request, "pipeline/application_list.html", context)


def _application_context(actor, application) -> dict:
    roles = policies.application_roles(actor, application)
    return {
        "application": application,
        "timeline": selectors.application_timeline(application=application),
        "participants": selectors.application_participants(application=application),
        "difficulties": selectors.application_difficulties(application=application),
        "milestones": selectors.application_milestones(application=application),
        "disbursements": selectors.application_disbursements(application=application),
        "disbursed": selectors.application_disbursed_total(application=application),
        "actions": [
            (action, TransitionForm(initial={"action": action.name}))
            for action in policies.application_actions(actor, application)
        ],
        "can_edit": policies.application_can_edit(actor, application),
        "can_manage_execution": policies.application_can_manage_execution(actor, application),
        "in_execution": application.state in services.EXECUTION_STATES,
        "milestone_form": MilestoneForm(),
        "disbursement_form": DisbursementForm(),
        "done_form": MilestoneDoneForm(initial={"done_on": timezone.localdate()}),
        "continuations": selectors.application_continuations(application=application),
        "state_label": workflow.State(application.state).label,
        # The outcome ledger opens from the agreement on (baseline first, then follow-ups).
        "shows_outcomes": bool(roles)
        and application.state
        in (
            workflow.State.AGREEMENT,
            workflow.State.EXECUTION,
            workflow.State.COMPLETED,
            workflow.State.CONTINUED,
            workflow.State.FOLLOW_UP,
        ),
    }


@require_safe
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    application = policies.access_application(actor, pk)
    return render(
        request, "pipeline/application_detail.html", _application_context(actor, application)
    )


@require_http_methods(["GET", "POST"])
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a draft. If someone saved it meanwhile, say so and keep what this user typed."""
    actor = actor_for(request.user)
    application = policies.access_application(actor, pk)
    if not policies.application_can_edit(actor, application):
        raise PermissionDenied
    form = ApplicationForm(
        request.POST or None, instance=application, initial={"version": application.version}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.application_update(
                actor=actor, application=application, version=version, **data
            )
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            messages.success(request, _("Application saved."))
            return redirect(application)
    refusals, flags = services.application_check_rules(application) if application.pk else ([], [])
    context = {
        "application": application,
        "form": form,
        "participant_form": ParticipantForm(application=application),
        "participants": selectors.application_participants(application=application),
        "refusals": refusals,
        "flags": flags,
    }
    return render(request, "pipeline/application_form.html", context)


@require_POST
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    application = policies.access_application(actor, pk)
    form = ParticipantForm(request.POST, application=application)
    if form.is_valid():
        try:
            services.participant_add(actor=actor, application=application, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, validation_error_text(error))
    else:
        messages.error(request, form_errors_text(form))
    return redirect("pipeline:application_edit", pk=application.pk)


@require_POST
def participant_remove(request: HttpRequest, pk: int, participant_id: int) -> HttpResponse:
    actor = actor_for(request.user)
    participant = policies.access_participant(actor, pk, participant_id)
    try:
        services.participant_remove(actor=actor, participant=participant)
    except ValidationError as error:
        messages.error(request, validation_error_text(error))
    return redirect("pipeline:application_edit", pk=participant.application.pk)


@require_POST
def application_transition(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    application = policies.access_application(actor, pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            services.application_transition(
                actor=actor,
                application=application,
                action=form.cleaned_data["action"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, validation_error_text(error))
        else:
            messages.success(
                request, _("Done: %(state)s.") % {"state": workflow.State(application.state).label}
            )
    return redirect(application)


@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    application = policies.access_application(actor, pk)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            services.milestone_add(actor=actor, application=application, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, validation_error_text(error))
    else:
        messages.error(request, form_errors_text(form))
    return redirect(application)


@require_POST
def milestone_done(request: HttpRequest, pk: int, milestone_id: int) -> HttpResponse:
    actor = actor_for(request.user)
    milestone = policies.access_milestone(actor, pk, milestone_id)
    form = MilestoneDoneForm(request.POST)
    if form.is_valid():
        services.milestone_mark_done(actor=actor, milestone=milestone, **form.cleaned_data)
    return redirect(milestone.application)


@require_POST
def disbursement_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    application = policies.access_application(actor, pk)
    form = DisbursementForm(request.POST)
    if form.is_valid():
        try:
            services.disbursement_record(actor=actor, application=application, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, validation_error_text(error))
    else:
        messages.error(request, form_errors_text(form))
    return redirect(application)


@require_safe
@login_required_for_page
def funnel(request: HttpRequest) -> HttpResponse:
    """Counts and conversion at every stage, by year, support type, size, mini cluster, zone."""
    actor = actor_for(request.user)
    if not policies.funnel_can_view(actor):
        raise PermissionDenied
    cut = request.GET.get("cut", "year")
    if cut not in selectors.CUTS:
        cut = "year"
    year = request.GET.get("year", "")
    rows = selectors.funnel(actor=actor, cut=cut, year=int(year) if year.isdigit() else None)
    stages = [(name, label) for name, label, _states in workflow.FUNNEL_STAGES]
    if request.GET.get("format") == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([_("Cut"), *[str(label) for _n, label in stages]])
        for row in rows:
            writer.writerow([row.label, *[row.counts.get(name, 0) for name, _l in stages]])
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="funnel-{cut}.csv"'
        return response
    table = []
    for row in rows:
        cells = []
        previous = None
        for name, _label in stages:
            cells.append(
                (row.counts.get(name, 0), row.conversion(name, previous) if previous else None)
            )
            previous = name
        table.append((row, cells))
    totals = [sum(row.counts.get(name, 0) for row in rows) for name, _l in stages]
    chart = {
        "labels": [str(label) for _n, label in stages],
        "datasets": [
            {"label": row.label, "values": [row.counts.get(name, 0) for name, _l in stages]}
            for row in rows[:12]
        ],
    }
    context = {
        "cut": cut,
        "cuts": _cut_choices(),
        "year": year,
        "stages": stages,
        "table": table,
        "totals": totals,
        "chart": chart,
        "years": range(timezone.localdate().year, 2004, -1),
    }
    return render(request, "pipeline/funnel.html", context)


def _cut_choices():
    return [
        ("year", _("Year")),
        ("support_type", _("Support type")),
        ("company_size", _("Company size")),
        ("mini_cluster", _("Mini cluster")),
        ("zone", _("Pan-regional zone")),
    ]
