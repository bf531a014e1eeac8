"""The records behind one number of a scorecard."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from clusterhub.accounts.actors import actor_for
from clusterhub.evaluation import policies, selectors
from clusterhub.evaluation.metrics import METRICS
from clusterhub.evaluation.models import Level


@require_safe
def metric_records(
    request: HttpRequest, code: str, level: str, entity_id: int, year: int
) -> HttpResponse:
    """The records behind one number of a scorecard, 50 to a page."""
    metric = METRICS.get(code)
    if metric is None or level not in Level.values:
        raise Http404
    actor = actor_for(request.user)
    entity = policies.access_entity(actor, level, entity_id)
    stored = selectors.metric_value(code=code, level=level, entity_id=entity_id, year=year)
    page, rows = selectors.metric_records_page(
        metric=metric,
        level=level,
        entity_id=entity_id,
        year=year,
        page_number=request.GET.get("page"),
    )
    return render(
        request,
        "evaluation/metric_records.html",
        {
            "metric": metric,
            "entity": entity,
            "year": year,
            "stored": stored,
            "page": page,
            "rows": rows,
        },
    )
