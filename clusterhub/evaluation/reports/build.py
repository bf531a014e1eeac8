"""Build the annual performance report's data for a year and a level from the database.

Key figures are computed live from the registry (the whole program's records of the year);
scorecards, goals, surveys and stories are read as the last recomputation and the users left
them. The result is plain data (`reports.data.ReportData`) for the PDF and XLSX renderers.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils import timezone, translation

from clusterhub.directory.models import Organization
from clusterhub.evaluation import entities
from clusterhub.evaluation.metrics import METRICS, program_scope
from clusterhub.evaluation.models import (
    Goal,
    IndexSystem,
    IndicatorScore,
    Level,
    Nature,
    Scorecard,
)
from clusterhub.evaluation.reports.data import (
    Chart,
    ChartSeries,
    GoalLine,
    KeyFigure,
    ReportData,
    ScorecardData,
    ScoreLine,
    StoryLine,
    SurveyLine,
)
from clusterhub.evaluation.selectors import tree_order
from clusterhub.evaluation.units import unit_label
from clusterhub.outcomes.models import SuccessStory
from clusterhub.surveys.models import SurveyStatus
from clusterhub.surveys.selectors import survey_list, survey_score

KEY_METRICS = [
    "activities_held",
    "activity_participations",
    "members",
    "difficulties_found",
    "applications_submitted",
    "applications_selected",
    "outcome_patents",
    "outcome_sales",
    "outcome_employment",
    "satisfaction",
]
TREND_METRICS = ["activities_held", "difficulties_found", "applications_selected"]
PLATFORM_SOURCE = ("Cluster Hub 플랫폼 기록", "Cluster Hub platform records")
CHART_ENTITIES = 15


def _both(text) -> tuple[str, str]:
    """A lazy translation in Korean and in English."""
    result = []
    for language in ("ko", "en"):
        with translation.override(language):
            result.append(str(text))
    return result[0], result[1]


def _level_names(level: str) -> tuple[str, str]:
    return _both(Level(level).label)


def _round(value, places="0.1") -> Decimal | None:
    if value is None:
        return None
    return Decimal(value).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _program_values():
    """A memo of the whole program's metric values: key figures and the trend chart share
    the year's values."""
    cache: dict[tuple[str, int], Decimal | None] = {}

    def value(code: str, year: int) -> Decimal | None:
        if (code, year) not in cache:
            cache[code, year] = METRICS[code].compute(program_scope(), year)[0]
        return cache[code, year]

    return value


def annual_report_data(*, year: int, level: str, language: str | None = None) -> ReportData:
    """The report's data; values with units are written in `language` (the active one if
    not given), every other text in both."""
    if language is not None:
        with translation.override(language):
            return annual_report_data(year=year, level=level)
    system = IndexSystem.objects.filter(year=year, level=level).first()
    level_ko, level_en = _level_names(level)
    program_value = _program_values()
    key_figures = _key_figures(year, program_value)
    scorecards = _scorecards(system) if system else []
    goals = _goals(year, level)
    charts = _charts(year, scorecards, goals, program_value)
    sources_ko = [f"{PLATFORM_SOURCE[0]}, {year}"]
    sources_en = [f"{PLATFORM_SOURCE[1]}, {year}"]
    if system and system.source:
        sources_ko.append(f"{system.name_ko}: {system.source}")
        sources_en.append(f"{system.name_en}: {system.source}")
    for goal in goals:
        if goal.source_en and goal.source_en not in sources_en:
            sources_ko.append(goal.source_ko)
            sources_en.append(goal.source_en)
    return ReportData(
        year=year,
        level=level,
        level_ko=level_ko,
        level_en=level_en,
        system_ko=system.name_ko if system else "",
        system_en=system.name_en if system else "",
        generated_at=timezone.localtime(),
        contains_demo_data=_contains_demo_data(),
        key_figures=key_figures,
        charts=charts,
        scorecards=scorecards,
        goals=goals,
        surveys=_surveys(year),
        stories=_stories(year),
        sources_ko=sources_ko,
        sources_en=sources_en,
    )


def _contains_demo_data() -> bool:
    """Whether the platform holds the generated demo population: its organizations are
    marked `is_demo`, and so is everything generated with them."""
    return Organization.objects.filter(is_demo=True).exists()


def _key_figures(year: int, program_value) -> list[KeyFigure]:
    figures = []
    for code in KEY_METRICS:
        metric = METRICS[code]
        value = program_value(code, year)
        label_ko, label_en = _both(metric.name)
        unit_ko, unit_en = _both(metric.unit)
        description_ko, description_en = _both(metric.description)
        figures.append(
            KeyFigure(
                label_ko=label_ko,
                label_en=label_en,
                value=_round(value),
                unit_ko=unit_ko,
                unit_en=unit_en,
                source_ko=f"{PLATFORM_SOURCE[0]}: {description_ko}",
                source_en=f"{PLATFORM_SOURCE[1]}: {description_en}",
            )
        )
    return figures


def _scorecards(system: IndexSystem) -> list[ScorecardData]:
    cards = list(Scorecard.objects.filter(system=system).order_by("rank", "entity_id"))
    names = entities.entity_names(system.level, [card.entity_id for card in cards])
    nodes = tree_order(list(system.indicators.all()))
    depth = {node.indicator.pk: node.depth for node in nodes}
    lines_by_card = defaultdict(list)
    for line in IndicatorScore.objects.filter(scorecard__in=cards).select_related("indicator"):
        lines_by_card[line.scorecard_id].append(line)
    order = {node.indicator.pk: position for position, node in enumerate(nodes)}
    result = []
    for card in cards:
        name = names.get(card.entity_id, {"ko": "?", "en": "?", "is_demo": False})
        lines = sorted(lines_by_card[card.pk], key=lambda line: order[line.indicator_id])
        result.append(
            ScorecardData(
                entity_ko=name["ko"],
                entity_en=name["en"],
                rank=card.rank,
                total=_round(card.total, "0.01"),
                is_demo=bool(name["is_demo"]),
                lines=[
                    ScoreLine(
                        code=line.indicator.code,
                        name_ko=line.indicator.name_ko,
                        name_en=line.indicator.name_en,
                        depth=depth[line.indicator_id],
                        weight=line.indicator.weight,
                        nature=line.indicator.nature,
                        raw_value=_raw(line),
                        score=_round(line.score, "0.01"),
                        contribution=_round(line.contribution, "0.01"),
                        explanation_ko=line.explanation_ko,
                        explanation_en=line.explanation_en,
                    )
                    for line in lines
                ],
            )
        )
    return result


def _raw(line: IndicatorScore) -> str:
    if line.indicator.nature == Nature.GROUP or line.raw_value is None:
        return ""
    value = f"{line.raw_value:,f}"
    if "." in value:
        value = value.rstrip("0").rstrip(".")
    return f"{value} {unit_label(line.indicator.unit)}".strip()


def _goals(year: int, level: str) -> list[GoalLine]:
    condition = Q(goal_year=year, level=level)
    if level == Level.PROGRAM:
        condition |= Q(goal_observation__isnull=False)
    goals = list(Goal.objects.filter(condition).order_by("goal_year", "entity_id", "metric"))
    names = {}
    for goal_level in {goal.level for goal in goals}:
        names[goal_level] = entities.entity_names(
            goal_level, [goal.entity_id for goal in goals if goal.level == goal_level]
        )
    lines = []
    for goal in goals:
        name = names.get(goal.level, {}).get(goal.entity_id, {})
        lines.append(
            GoalLine(
                subject_ko=goal.subject_ko or name.get("ko", ""),
                subject_en=goal.subject_en or name.get("en", ""),
                metric_ko=goal.metric_ko,
                metric_en=goal.metric_en,
                unit_ko=goal.unit_ko,
                unit_en=goal.unit_en,
                base_year=goal.base_year,
                base_value=goal.base_value,
                goal_year=goal.goal_year,
                goal_value=goal.goal_value,
                actual_value=goal.actual_value,
                actual_is_forecast=goal.is_forecast,
                ratio_percent=goal.achievement_ratio,
                source_ko=goal.source_ko,
                source_en=goal.source_en,
            )
        )
    return lines


def _charts(
    year: int, scorecards: list[ScorecardData], goals: list[GoalLine], program_value
) -> list[Chart]:
    charts = []
    if scorecards:
        shown = scorecards[:CHART_ENTITIES]
        charts.append(
            Chart(
                title_ko=f"종합 점수 (상위 {len(shown)})",
                title_en=f"Total scores (top {len(shown)})",
                unit_ko="점",
                unit_en="points",
                categories_ko=[card.entity_ko for card in shown],
                categories_en=[card.entity_en for card in shown],
                series=[ChartSeries("종합 점수", "Total", [card.total for card in shown])],
            )
        )
    years = [year - 2, year - 1, year]
    series = []
    for code in TREND_METRICS:
        metric = METRICS[code]
        label_ko, label_en = _both(metric.name)
        series.append(
            ChartSeries(
                label_ko,
                label_en,
                [_round(program_value(code, y)) for y in years],
            )
        )
    charts.append(
        Chart(
            title_ko=f"{years[0]}–{year} 주요 실적",
            title_en=f"Main figures {years[0]}–{year}",
            unit_ko="건",
            unit_en="count",
            categories_ko=[str(y) for y in years],
            categories_en=[str(y) for y in years],
            series=series,
        )
    )
    rated = [goal for goal in goals if goal.ratio_percent is not None][:CHART_ENTITIES]
    if rated:
        charts.append(
            Chart(
                title_ko="목표 달성도",
                title_en="Goal achievement",
                unit_ko="%",
                unit_en="%",
                categories_ko=[f"{g.subject_ko} {g.metric_ko}" for g in rated],
                categories_en=[f"{g.subject_en} {g.metric_en}" for g in rated],
                series=[ChartSeries("달성도", "Achievement", [g.ratio_percent for g in rated])],
            )
        )
    return charts


def _surveys(year: int) -> list[SurveyLine]:
    lines = []
    surveys = survey_list(scope=Q(status__in=[SurveyStatus.OPEN, SurveyStatus.CLOSED]), year=year)
    for survey in surveys:
        invited = survey.invited_count
        responded = survey.response_count
        lines.append(
            SurveyLine(
                title_ko=survey.title_ko,
                title_en=survey.title_en,
                invited=invited,
                responded=responded,
                response_rate_percent=_round(Decimal(responded) * 100 / invited)
                if invited
                else None,
                satisfaction=survey_score(survey=survey),
                anonymous=survey.is_anonymous,
            )
        )
    return lines


def _stories(year: int) -> list[StoryLine]:
    stories = SuccessStory.objects.filter(
        published_at__isnull=False, application__year__lte=year
    ).select_related("application__organization")
    return [
        StoryLine(
            title_ko=story.title_ko,
            title_en=story.title_en,
            organization_ko=story.application.organization.name_ko,
            organization_en=story.application.organization.name_en,
            summary_ko=story.summary_ko,
            summary_en=story.summary_en,
            is_demo=story.is_demo,
        )
        for story in stories
    ]
