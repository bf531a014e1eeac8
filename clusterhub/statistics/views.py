"""The data-source pages and the statistics explorer: public, read-only."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from clusterhub.core import downloads
from clusterhub.statistics import policies, selectors
from clusterhub.statistics.downloads import SOURCE_COLUMNS, source_rows
from clusterhub.statistics.exports import observations_csv, observations_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DEFAULT_SELECTION = {"place": "gwangju", "industry": "photonics", "metric": "companies"}


@require_safe
def source_list(request: HttpRequest) -> HttpResponse:
    documents = selectors.document_list()
    if request_format := downloads.requested_format(request):
        return downloads.list_download(
            request_format, "sources", SOURCE_COLUMNS, source_rows(documents)
        )
    return render(request, "statistics/source_list.html", {"documents": documents})


@require_safe
def table_detail(request: HttpRequest, table_id: str) -> HttpResponse:
    table = policies.access_source_table(table_id)
    vocabulary = selectors.Vocabulary()
    context = {
        "table": table,
        "grids": selectors.table_grids(table=table),
        "findings": selectors.table_findings(table=table),
        "unit_label": vocabulary.label("unit", table.default_unit),
    }
    return render(request, "statistics/table_detail.html", context)


def _download(observations, *, name: str, fmt: str, title: str) -> HttpResponse:
    vocabulary = selectors.Vocabulary()
    if fmt == "csv":
        response = HttpResponse(
            observations_csv(observations, vocabulary), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        response = HttpResponse(
            observations_xlsx(observations, vocabulary, title=title), content_type=XLSX
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@require_safe
def table_download(request: HttpRequest, table_id: str, fmt: str) -> HttpResponse:
    table = policies.access_source_table(table_id)
    observations = selectors.table_observations(table=table)
    return _download(observations, name=table.table_id, fmt=fmt, title=table.table_id)


def _selection(request: HttpRequest) -> dict:
    if not request.GET:
        return {**DEFAULT_SELECTION, "by_subsector": False, "all_series": False}
    return {
        "place": request.GET.get("place", ""),
        "industry": request.GET.get("industry", ""),
        "metric": request.GET.get("metric", ""),
        "by_subsector": request.GET.get("by") == "subsector",
        # Parallel figures (004's parenthesised values) are shown on request.
        "all_series": request.GET.get("series") == "all",
    }


@require_safe
def explorer(request: HttpRequest) -> HttpResponse:
    """Pick a place, an industry and a metric; see every source's series as chart and table."""
    selection = _selection(request)
    vocabulary = selectors.Vocabulary()
    options = selectors.explorer_choices(place=selection["place"], industry=selection["industry"])
    if selection["metric"] not in options["metrics"]:
        selection["metric"] = ""
    if selection["metric"] not in options["subsector_metrics"]:
        selection["by_subsector"] = False
    lines = selectors.explorer_lines(**selection, vocabulary=vocabulary)
    years = selectors.explorer_years(lines)
    chart = {
        "years": years,
        "labels": {"forecast": _("Forecast"), "target": _("Target"), "estimate": _("Estimate")},
        "datasets": [
            {
                "label": f"{line.label} ({vocabulary.label('unit', line.unit)})",
                "points": [
                    {"x": year, "y": float(point.value), "kind": point.kind}
                    for year, point in sorted(line.points.items())
                ],
            }
            for line in lines
        ],
    }
    context = {
        "selection": selection,
        "places": vocabulary.choices("place", options["places"]),
        "industries": vocabulary.choices("industry", options["industries"]),
        "metrics": vocabulary.choices("metric", options["metrics"]),
        "can_break_down": selection["metric"] in options["subsector_metrics"],
        "lines": lines,
        "years": years,
        "rows": [(line, [line.points.get(y) for y in years]) for line in lines],
        "units": sorted({vocabulary.label("unit", line.unit) for line in lines}),
        "chart": chart,
        "query": request.GET.urlencode(),
    }
    template = (
        "statistics/partials/explorer_body.html" if request.htmx else "statistics/explorer.html"
    )
    return render(request, template, context)


@require_safe
def explorer_download(request: HttpRequest, fmt: str) -> HttpResponse:
    selection = _selection(request)
    lines = selectors.explorer_lines(**selection, vocabulary=selectors.Vocabulary())
    observations = selectors.explorer_observations(
        place=selection["place"], metric=selection["metric"], lines=lines
    )
    name = "-".join(filter(None, [selection["place"], selection["industry"], selection["metric"]]))
    return _download(observations, name=name or "statistics", fmt=fmt, title=name)
