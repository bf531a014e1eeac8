"""Reads for the data-source pages and the statistics explorer."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet

from clusterhub.statistics.models import (
    Kind,
    Observation,
    SourceDocument,
    SourceFinding,
    SourceTable,
    Term,
)


class Vocabulary:
    """Bilingual labels of the codes in the observations, read in one query."""

    def __init__(self) -> None:
        self._terms: dict[tuple[str, str], Term] = {
            (t.dimension, t.code): t for t in Term.objects.all()
        }

    def label(self, dimension: str, code: str) -> str:
        term = self._terms.get((dimension, code))
        return term.name if term else code

    def choices(self, dimension: str, codes) -> list[tuple[str, str]]:
        return sorted(((c, self.label(dimension, c)) for c in codes if c), key=lambda p: p[1])


def document_list() -> QuerySet[SourceDocument]:
    """Documents with their tables and, per table, values, cells and findings counted."""
    return SourceDocument.objects.prefetch_related(_tables_with_counts())


def _tables_with_counts() -> Prefetch:
    return Prefetch(
        "tables",
        queryset=SourceTable.objects.annotate(
            value_count=Count(
                "observations", filter=Q(observations__value__isnull=False), distinct=True
            ),
            cell_count=Count("observations", distinct=True),
            finding_count=Count("findings", distinct=True),
        ).order_by("position"),
    )


@dataclass
class Grid:
    """A table's cells laid out as printed: rows × columns, for one series."""

    series: str
    rows: list[str]
    columns: list[str]
    cells: dict[tuple[str, str], Observation]

    def matrix(self) -> list[tuple[str, list[Observation | None]]]:
        return [(row, [self.cells.get((row, col)) for col in self.columns]) for row in self.rows]


def table_grids(*, table: SourceTable) -> list[Grid]:
    """One grid per series, rows and columns in the order the source prints them."""
    grids: OrderedDict[str, Grid] = OrderedDict()
    for obs in table.observations.order_by("source_row"):
        grid = grids.setdefault(obs.series, Grid(obs.series, [], [], {}))
        if obs.row_label not in grid.rows:
            grid.rows.append(obs.row_label)
        if obs.column_label not in grid.columns:
            grid.columns.append(obs.column_label)
        grid.cells[(obs.row_label, obs.column_label)] = obs
    return list(grids.values())


def table_findings(*, table: SourceTable) -> QuerySet[SourceFinding]:
    return table.findings.order_by("check_id")


# ---------------------------------------------------------------- explorer

CHARTABLE = Q(value__isnull=False, year__isnull=False)


def explorer_choices(*, place: str, industry: str) -> dict[str, list[str]]:
    """Codes that have chartable values, narrowed by what is already chosen."""
    base = Observation.objects.filter(CHARTABLE).order_by()  # distinct needs no ordering
    places = base.values_list("place", flat=True).distinct()
    in_place = base.filter(place=place) if place else base
    industries = in_place.values_list("industry", flat=True).distinct()
    in_industry = (
        in_place.filter(_industry_filter(industry, by_subsector=False)) if industry else in_place
    )
    subsector_metrics = set()
    if industry:
        subsector_metrics = set(
            in_place.filter(industry__startswith=industry + ".")
            .values_list("metric", flat=True)
            .distinct()
        )
    metrics = set(in_industry.values_list("metric", flat=True).distinct()) | subsector_metrics
    return {
        "places": sorted(set(places) - {""}),
        "industries": sorted(set(industries) - {""}),
        "metrics": sorted(metrics - {""}),
        "subsector_metrics": sorted(subsector_metrics),
    }


def _industry_filter(industry: str, *, by_subsector: bool) -> Q:
    if by_subsector:
        return Q(industry__startswith=industry + ".")
    return Q(industry=industry)


@dataclass
class Point:
    year: int
    value: Decimal
    printed: str
    kind: str

    @property
    def is_actual(self) -> bool:
        return self.kind == Kind.ACTUAL

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label


@dataclass
class Line:
    key: tuple
    table: SourceTable
    label: str
    unit: str
    points: dict[int, Point] = field(default_factory=dict)


def explorer_lines(
    *,
    place: str,
    industry: str,
    metric: str,
    by_subsector: bool,
    all_series: bool = False,
    vocabulary: Vocabulary,
) -> list[Line]:
    """One line per source table (and row, series, size band, subsector) for the selection.

    Two sources stating the same figure stay two lines, so a reader sees where they agree
    and where they do not.
    """
    if not (place and metric):
        return []
    queryset = (
        Observation.objects.filter(CHARTABLE, place=place, metric=metric)
        .filter(Q() if all_series else Q(series="main"))
        .select_related("table__document")
        .order_by("table__document__file_name", "table__position", "source_row")
    )
    queryset = (
        queryset.filter(_industry_filter(industry, by_subsector=by_subsector))
        if industry
        else queryset.filter(industry="")
    )
    lines: OrderedDict[tuple, Line] = OrderedDict()
    rows_per_table: dict[int, set[str]] = {}
    observations = list(queryset)
    for obs in observations:
        rows_per_table.setdefault(obs.table_id, set()).add(obs.row_label)
    for obs in observations:
        key = (obs.table_id, obs.row_label, obs.series, obs.size_band, obs.unit, obs.industry)
        line = lines.get(key)
        if line is None:
            parts = [obs.table.title]
            if by_subsector:
                parts.insert(0, vocabulary.label("industry", obs.industry))
            if obs.size_band:
                parts.append(vocabulary.label("size_band", obs.size_band))
            if len(rows_per_table[obs.table_id]) > 1 and not by_subsector and not obs.size_band:
                parts.append(obs.row_label)
            if obs.series != "main":
                parts.append(vocabulary.label("series", obs.series))
            line = lines[key] = Line(key, obs.table, " · ".join(parts), obs.unit)
        line.points.setdefault(obs.year, Point(obs.year, obs.value, obs.printed, obs.kind))
    return list(lines.values())


def explorer_years(lines: list[Line]) -> list[int]:
    return sorted({year for line in lines for year in line.points})


def table_observations(*, table: SourceTable) -> QuerySet[Observation]:
    """Every value of one source table, for its download."""
    return Observation.objects.filter(table=table).select_related("table__document")


def explorer_observations(*, place: str, metric: str, lines: list[Line]) -> list[Observation]:
    """The values behind the explorer's lines, in source order, for its download."""
    keys = {line.key for line in lines}
    return [
        obs
        for obs in Observation.objects.filter(CHARTABLE, place=place, metric=metric)
        .select_related("table__document")
        .order_by("table__table_id", "source_row")
        if (obs.table_id, obs.row_label, obs.series, obs.size_band, obs.unit, obs.industry) in keys
    ]


# ---------------------------------------------------------------- the API's lists


def table_list() -> QuerySet[SourceTable]:
    """Every source table with its document, in the documents' printed order."""
    return SourceTable.objects.select_related("document").order_by(
        "document__file_name", "position", "table_id"
    )


def observation_list(
    *,
    table_id: str = "",
    place: str = "",
    industry: str = "",
    metric: str = "",
    kind: str = "",
    year: int | None = None,
) -> QuerySet[Observation]:
    """Observations with their table and document (their provenance), in source order."""
    queryset = Observation.objects.select_related("table__document").order_by(
        "table__table_id", "source_row", "id"
    )
    exact = {"table__table_id": table_id, "place": place, "industry": industry}
    exact |= {"metric": metric, "kind": kind}
    queryset = queryset.filter(**{name: value for name, value in exact.items() if value})
    if year is not None:
        queryset = queryset.filter(year=year)
    return queryset


def finding_list(*, table_id: str = "", rule: str = "") -> QuerySet[SourceFinding]:
    """The validator's findings with their table, by table and check."""
    queryset = SourceFinding.objects.select_related("table__document").order_by(
        "table__table_id", "check_id", "id"
    )
    if table_id:
        queryset = queryset.filter(table__table_id=table_id)
    if rule:
        queryset = queryset.filter(rule=rule)
    return queryset
