"""The evaluation section's front page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from clusterhub.evaluation import policies, selectors
from clusterhub.evaluation.forms import RunStartForm
from clusterhub.evaluation.views.section import viewer


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Index systems by year, the latest recomputations, and the way to start one."""
    actor = viewer(request)
    systems_by_year = selectors.systems_by_year()
    can_manage = policies.evaluation_can_manage(actor)
    latest_year = systems_by_year[0][0] if systems_by_year else None
    return render(
        request,
        "evaluation/home.html",
        {
            "systems_by_year": systems_by_year,
            "runs": selectors.recent_runs(),
            "can_manage": can_manage,
            "can_see_reports": policies.reports_can_view(actor),
            "run_form": RunStartForm(initial={"year": latest_year}) if can_manage else None,
        },
    )
