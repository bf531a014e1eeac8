"""Scorecards: a year and level's ranking, one scorecard line by line, and an entity's
scores across the years."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from clusterhub.accounts.actors import actor_for
from clusterhub.core import downloads
from clusterhub.evaluation import policies, scoring, selectors
from clusterhub.evaluation.downloads import SCORECARD_COLUMNS
from clusterhub.evaluation.metrics import METRICS
from clusterhub.evaluation.models import Level, Nature, ScoringRule
from clusterhub.evaluation.views.section import DEFAULT_LEVEL, int_or_none, viewer


def _chart_number(value) -> float:
    return float(value) if value is not None else 0.0


@require_safe
def scorecard_list(request: HttpRequest) -> HttpResponse:
    """A year and level's ranking, limited to the scorecards the actor may see."""
    actor = viewer(request)
    years = selectors.scorecard_years()
    year = int_or_none(request.GET.get("year")) or (years[0] if years else None)
    level = request.GET.get("level") or DEFAULT_LEVEL
    if level not in Level.values:
        level = DEFAULT_LEVEL
    rows = selectors.scorecard_ranking(actor=actor, year=year, level=level)
    if request_format := downloads.requested_format(request):
        return downloads.list_download(
            request_format,
            f"scorecards-{year}-{level}" if year else "scorecards",
            SCORECARD_COLUMNS,
            rows,
        )
    system = selectors.system_for(year=year, level=level)
    chart = {
        "labels": [row.entity.name for row in rows],
        "datasets": [
            {"label": _("Total"), "values": [_chart_number(row.scorecard.total) for row in rows]}
        ],
    }
    return render(
        request,
        "evaluation/scorecard_list.html",
        {
            "years": years,
            "year": year,
            "level": level,
            "levels": Level.choices,
            "level_label": Level(level).label,
            "system": system,
            "rows": rows,
            "chart": chart,
        },
    )


@require_safe
def scorecard_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Every line of a scorecard, explained, with the way to the records behind each number."""
    actor = actor_for(request.user)
    scorecard, entity = policies.access_scorecard(actor, pk)
    system = scorecard.system
    lines = selectors.scorecard_lines(scorecard)
    for line in lines:
        indicator = line.indicator
        if indicator.nature == Nature.QUANTITATIVE and indicator.metric in METRICS:
            line.records_url = reverse(
                "evaluation:metric_records",
                kwargs={
                    "code": indicator.metric,
                    "level": system.level,
                    "entity_id": scorecard.entity_id,
                    "year": system.year,
                },
            )
        elif indicator.rule == ScoringRule.LOWER_LEVEL_AVERAGE:
            below = scoring.lower_level(system.level)
            if below:
                line.lower_level_url = (
                    reverse("evaluation:scorecard_list") + f"?year={system.year}&level={below}"
                )
        if indicator.nature == Nature.QUALITATIVE and policies.evaluator_can_enter(
            actor, indicator, scorecard.entity_id, entity.places
        ):
            line.input_url = reverse(
                "evaluation:evaluator_input",
                kwargs={"pk": indicator.pk, "entity_id": scorecard.entity_id},
            )
    return render(
        request,
        "evaluation/scorecard_detail.html",
        {
            "scorecard": scorecard,
            "system": system,
            "entity": entity,
            "lines": lines,
            "ranked": selectors.scorecard_count(system),
        },
    )


@require_safe
def entity_history(request: HttpRequest, level: str, entity_id: int) -> HttpResponse:
    """An entity's totals by year and, per lineage, its scores across changing systems."""
    actor = actor_for(request.user)
    entity = policies.access_entity(actor, level, entity_id)
    history = selectors.entity_history(level=level, entity_id=entity_id)
    chart = {
        "datasets": [
            {
                "label": _("Total"),
                "points": [
                    {"x": card.system.year, "y": _chart_number(card.total), "kind": "actual"}
                    for card in history.scorecards
                ],
            }
        ],
        "labels": {},
    }
    return render(
        request,
        "evaluation/entity_history.html",
        {"entity": entity, "history": history, "chart": chart},
    )
