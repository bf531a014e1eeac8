"""Recomputation runs: starting one, following its progress, resuming a stopped one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from clusterhub.accounts.actors import actor_for
from clusterhub.evaluation import policies, services
from clusterhub.evaluation.forms import RunStartForm
from clusterhub.evaluation.models import RunStatus
from clusterhub.evaluation.views.section import manager


@require_POST
def run_start(request: HttpRequest) -> HttpResponse:
    """Plan a recomputation of a year and hand it to the background worker."""
    actor = manager(request)
    form = RunStartForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("evaluation:home")
    try:
        run = services.recomputation_start(actor=actor, year=form.cleaned_data["year"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("evaluation:home")
    messages.success(request, _("Recomputation of %(year)s started.") % {"year": run.year})
    return redirect(run.get_absolute_url())


@require_safe
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A run's progress; while it is active, htmx refreshes the progress part every 2 s."""
    actor = actor_for(request.user)
    run = policies.access_run(actor, pk)
    stalled = services.run_is_stalled(run)
    can_manage = policies.evaluation_can_manage(actor)
    context = {
        "run": run,
        "stalled": stalled,
        "can_resume": can_manage and (run.status == RunStatus.FAILED or stalled),
        "show_error": policies.run_error_can_view(actor),
    }
    template = "evaluation/partials/run_progress.html" if request.htmx else "evaluation/run.html"
    return render(request, template, context)


@require_POST
def run_resume(request: HttpRequest, pk: int) -> HttpResponse:
    """Go on with a failed or stalled run from its first unit not done."""
    actor = actor_for(request.user)
    with transaction.atomic():
        run = policies.access_run(actor, pk, for_write=True)
        try:
            services.recomputation_resume(actor=actor, run=run)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The recomputation goes on from where it stopped."))
    return redirect(run.get_absolute_url())
