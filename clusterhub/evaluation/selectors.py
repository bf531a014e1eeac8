"""Reads of program evaluation for the pages, each in a fixed number of queries.

Entities are named through `entities.entity_names` (one query per level), never one by one;
index trees are read in one query and ordered in Python, depth first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet

from clusterhub.core.models import localized
from clusterhub.evaluation import entities, policies
from clusterhub.evaluation.entities import Entity, entity_from_names
from clusterhub.evaluation.metrics import METRICS, Metric, RecordRow, Scope
from clusterhub.evaluation.models import (
    Direction,
    EvaluatorInput,
    Goal,
    IndexSystem,
    Indicator,
    IndicatorScore,
    Level,
    MetricValue,
    Nature,
    RecomputationRun,
    ReportFile,
    Scorecard,
)

RECENT_RUNS = 10
RECENT_REPORTS = 50
RECORDS_PER_PAGE = 50


# ------------------------------------------------------------------ entities


def entity_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every evaluated entity, grouped by level, as "level:id" choices (one query a level)."""
    groups = []
    for level in Level.values:
        ids = entities.entity_ids(level)
        names = entities.entity_names(level, ids)
        options = [
            (f"{level}:{entity_id}", localized(names[entity_id]["ko"], names[entity_id]["en"]))
            for entity_id in ids
            if entity_id in names
        ]
        if options:
            groups.append((Level(level).label, options))
    return groups


# ------------------------------------------------------------------ index systems


def index_systems() -> QuerySet[IndexSystem]:
    """Every index system, newest year first, with its number of indicators."""
    return (
        IndexSystem.objects.select_related("based_on")
        .annotate(indicator_count=Count("indicators"))
        .order_by("-year", "level")
    )


def systems_by_year() -> list[tuple[int, list[IndexSystem]]]:
    grouped: dict[int, list[IndexSystem]] = defaultdict(list)
    for system in index_systems():
        grouped[system.year].append(system)
    return sorted(grouped.items(), reverse=True)


@dataclass
class TreeNode:
    indicator: Indicator
    depth: int

    @property
    def indent_class(self) -> str:
        """The CSS class that indents the node's name by its depth (app.css, up to 4)."""
        return f"depth-{min(self.depth, 4)}"

    @property
    def metric(self):
        return METRICS.get(self.indicator.metric)

    @property
    def thresholds_text(self) -> str:
        """ "≥ 10: 100 · ≥ 5: 70" (≤ when lower is better); malformed pairs as stored."""
        sign = "≤" if self.indicator.direction == Direction.LOWER else "≥"
        thresholds = self.indicator.thresholds
        if not isinstance(thresholds, list):
            return str(thresholds or "")
        parts = []
        for pair in thresholds:
            if isinstance(pair, list | tuple) and len(pair) == 2:
                parts.append(f"{sign} {pair[0]}: {pair[1]}")
            else:
                parts.append(str(pair))
        return " · ".join(parts)


def tree_order(indicators: list[Indicator]) -> list[TreeNode]:
    """The nodes depth first, siblings by position and code; orphans (never expected) last."""
    children: dict[int | None, list[Indicator]] = defaultdict(list)
    for indicator in sorted(indicators, key=lambda i: (i.position, i.code)):
        children[indicator.parent_id].append(indicator)
    ordered: list[TreeNode] = []
    seen: set[int] = set()

    def walk(parent_id: int | None, depth: int) -> None:
        for indicator in children.get(parent_id, []):
            if indicator.pk in seen:  # pragma: no cover - a cycle cannot be saved
                continue
            seen.add(indicator.pk)
            ordered.append(TreeNode(indicator, depth))
            walk(indicator.pk, depth + 1)

    walk(None, 0)
    ordered.extend(TreeNode(i, 0) for i in indicators if i.pk not in seen)
    return ordered


def system_indicators(system: IndexSystem) -> list[Indicator]:
    """The system's nodes, each holding the system itself (no query per node for it)."""
    indicators = list(Indicator.objects.filter(system=system).order_by("position", "code"))
    for indicator in indicators:
        indicator.system = system
    return indicators


def group_choices(system: IndexSystem, exclude: Indicator | None = None) -> QuerySet[Indicator]:
    """The groups of a system that may hold an indicator (not the indicator itself)."""
    groups = Indicator.objects.filter(system=system, nature=Nature.GROUP).order_by(
        "position", "code"
    )
    if exclude is not None and exclude.pk:
        groups = groups.exclude(pk=exclude.pk)
    return groups


# ------------------------------------------------------------------ scorecards


def system_for(*, year: int | None, level: str) -> IndexSystem | None:
    if year is None:
        return None
    return IndexSystem.objects.filter(year=year, level=level).first()


def scorecard_count(system: IndexSystem) -> int:
    """How many entities the system's scorecards rank."""
    return Scorecard.objects.filter(system=system).count()


def scorecard_years() -> list[int]:
    return list(
        Scorecard.objects.order_by("-system__year")
        .values_list("system__year", flat=True)
        .distinct()
    )


@dataclass
class RankingRow:
    scorecard: Scorecard
    entity: Entity


def scorecard_ranking(*, actor, year: int | None, level: str) -> list[RankingRow]:
    """The scorecards of a year and level the actor may see, best first, with their entities."""
    if year is None:
        return []
    cards = list(
        policies.visible_scorecards(
            actor,
            Scorecard.objects.filter(system__year=year, system__level=level),
        )
        .select_related("system")
        .order_by("rank", "entity_id")
    )
    names = entities.entity_names(level, [card.entity_id for card in cards]) if cards else {}
    return [
        RankingRow(card, entity_from_names(level, card.entity_id, names.get(card.entity_id)))
        for card in cards
    ]


@dataclass
class ScoreLine:
    node: TreeNode
    line: IndicatorScore | None
    evaluator_input: EvaluatorInput | None = None
    # Set by the view: where the number comes from, and where to enter a score.
    records_url: str = ""
    lower_level_url: str = ""
    input_url: str = ""

    @property
    def indicator(self) -> Indicator:
        return self.node.indicator


def scorecard_lines(scorecard: Scorecard) -> list[ScoreLine]:
    """Every node of the scorecard's system in tree order, with its line and any evaluator
    input for the entity (three queries)."""
    indicators = system_indicators(scorecard.system)
    lines = {
        line.indicator_id: line
        for line in IndicatorScore.objects.filter(scorecard=scorecard).select_related("indicator")
    }
    inputs = {
        entered.indicator_id: entered
        for entered in EvaluatorInput.objects.filter(
            indicator__system=scorecard.system, entity_id=scorecard.entity_id
        )
    }
    return [
        ScoreLine(node, lines.get(node.indicator.pk), inputs.get(node.indicator.pk))
        for node in tree_order(indicators)
    ]


def scorecard_for(*, system: IndexSystem, entity_id: int) -> Scorecard | None:
    return Scorecard.objects.filter(system=system, entity_id=entity_id).first()


def evaluator_input(*, indicator: Indicator, entity_id: int) -> EvaluatorInput | None:
    return EvaluatorInput.objects.filter(indicator=indicator, entity_id=entity_id).first()


# ------------------------------------------------------------------ an entity across years


@dataclass
class HistoryCell:
    score: Decimal | None
    indicator_name: str
    indicator_code: str


@dataclass
class HistoryRow:
    lineage: str
    name: str  # the indicator's name in the latest year that has it
    cells: list[HistoryCell | None] = field(default_factory=list)


@dataclass
class EntityHistory:
    scorecards: list[Scorecard]
    years: list[int]
    rows: list[HistoryRow]


def entity_history(*, level: str, entity_id: int) -> EntityHistory:
    """The entity's scorecards by year and, per lineage, each year's score (two queries).

    A lineage names the same concept across years, so a row compares even when the index
    system, the indicator's code or its name changed.
    """
    scorecards = list(
        Scorecard.objects.filter(system__level=level, entity_id=entity_id)
        .select_related("system")
        .order_by("system__year")
    )
    years = [card.system.year for card in scorecards]
    column = {card.pk: index for index, card in enumerate(scorecards)}
    lines = (
        IndicatorScore.objects.filter(scorecard__in=[card.pk for card in scorecards])
        .exclude(indicator__lineage="")
        .select_related("indicator")
        .order_by("indicator__position", "indicator__code")
    )
    rows: dict[str, HistoryRow] = {}
    order: list[str] = []
    latest: dict[str, int] = {}
    for line in lines if scorecards else []:
        indicator = line.indicator
        lineage = indicator.lineage
        if lineage not in rows:
            rows[lineage] = HistoryRow(lineage, indicator.name, [None] * len(scorecards))
            order.append(lineage)
        index = column[line.scorecard_id]
        rows[lineage].cells[index] = HistoryCell(line.score, indicator.name, indicator.code)
        if index >= latest.get(lineage, -1):
            latest[lineage] = index
            rows[lineage].name = indicator.name
    return EntityHistory(scorecards, years, [rows[lineage] for lineage in order])


# ------------------------------------------------------------------ the drill-down


def metric_value(*, code: str, level: str, entity_id: int, year: int) -> MetricValue | None:
    return (
        MetricValue.objects.filter(metric=code, level=level, entity_id=entity_id, year=year)
        .select_related("run")
        .first()
    )


def metric_records_page(
    *, metric: Metric, level: str, entity_id: int, year: int, page_number: str | None
) -> tuple[Page, list[RecordRow]]:
    """One page of the records behind a metric's value, and their drill-down rows."""
    records = metric.records(Scope(level, entity_id), year)
    page = Paginator(records, RECORDS_PER_PAGE).get_page(page_number)
    return page, list(metric.rows(page.object_list))


# ------------------------------------------------------------------ goals


def goal_years() -> list[int]:
    return list(Goal.objects.order_by("goal_year").values_list("goal_year", flat=True).distinct())


@dataclass
class SourceGoal:
    goal: Goal
    tables: list  # the source tables its base, goal and actual come from, each once

    @property
    def ratio_as_printed(self) -> bool:
        """The computed achievement ratio equals the one the source prints."""
        printed = self.goal.printed_ratio
        return printed is not None and self.goal.achievement_ratio == printed


def source_goals(*, year: int | None) -> list[SourceGoal]:
    """Goals loaded from the source documents, with the tables their figures come from."""
    goals = Goal.objects.filter(goal_observation__isnull=False).select_related(
        "base_observation__table", "goal_observation__table", "actual_observation__table"
    )
    if year is not None:
        goals = goals.filter(goal_year=year)
    result = []
    for goal in goals.order_by("goal_year", "subject_en", "id"):
        tables = {}
        for observation in (goal.base_observation, goal.goal_observation, goal.actual_observation):
            if observation is not None:
                tables.setdefault(observation.table.table_id, observation.table)
        result.append(SourceGoal(goal, list(tables.values())))
    return result


@dataclass
class PlatformGoal:
    goal: Goal
    entity: Entity


def platform_goals(*, year: int | None) -> list[PlatformGoal]:
    """Goals entered on the platform, with their entities (one query per level present)."""
    goals = Goal.objects.filter(goal_observation__isnull=True)
    if year is not None:
        goals = goals.filter(goal_year=year)
    goals = list(goals.order_by("goal_year", "level", "entity_id", "metric"))
    by_level: dict[str, set[int]] = defaultdict(set)
    for goal in goals:
        by_level[goal.level].add(goal.entity_id)
    names = {level: entities.entity_names(level, ids) for level, ids in by_level.items()}
    return [
        PlatformGoal(
            goal,
            entity_from_names(goal.level, goal.entity_id, names[goal.level].get(goal.entity_id)),
        )
        for goal in goals
    ]


# ------------------------------------------------------------------ runs and reports


def recent_runs(limit: int = RECENT_RUNS) -> list[RecomputationRun]:
    return list(
        RecomputationRun.objects.select_related("requested_by").order_by("-created_at", "-id")[
            :limit
        ]
    )


def report_files(limit: int = RECENT_REPORTS) -> list[ReportFile]:
    return list(
        ReportFile.objects.select_related("requested_by").order_by("-created_at", "-id")[:limit]
    )
