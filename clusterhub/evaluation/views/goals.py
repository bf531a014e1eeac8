"""Goals: the public table from the source documents, the platform's own goals, and entering
one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from clusterhub.accounts.actors import actor_for
from clusterhub.core import downloads
from clusterhub.core.forms import form_add_validation_error
from clusterhub.evaluation import policies, selectors, services
from clusterhub.evaluation.downloads import GOAL_COLUMNS
from clusterhub.evaluation.forms import GoalForm
from clusterhub.evaluation.views.section import int_or_none, manager


@require_safe
def goal_list(request: HttpRequest) -> HttpResponse:
    """Public: the goals from the source documents, with the ratio computed and as printed.
    The platform's own goals, to those who have the evaluation section."""
    actor = actor_for(request.user)
    year = int_or_none(request.GET.get("year"))
    can_view = policies.evaluation_can_view(actor)
    source_goals = selectors.source_goals(year=year)
    platform_goals = selectors.platform_goals(year=year) if can_view else None
    if request_format := downloads.requested_format(request):
        return downloads.list_download(
            request_format, "goals", GOAL_COLUMNS, [*source_goals, *(platform_goals or ())]
        )
    return render(
        request,
        "evaluation/goal_list.html",
        {
            "year": year,
            "years": selectors.goal_years(),
            "source_goals": source_goals,
            "platform_goals": platform_goals,
            "can_manage": policies.evaluation_can_manage(actor),
        },
    )


@require_http_methods(["GET", "POST"])
def goal_create(request: HttpRequest) -> HttpResponse:
    """A goal of the platform's own, for one entity and metric."""
    actor = manager(request)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_save(actor=actor, goal=form.save(commit=False))
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            messages.success(request, _("Goal saved."))
            return redirect(reverse("evaluation:goal_list") + f"?year={goal.goal_year}")
    return render(request, "evaluation/goal_form.html", {"form": form})
