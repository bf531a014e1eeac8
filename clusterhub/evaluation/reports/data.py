"""What the annual performance report says, as plain data the renderers read.

`clusterhub.evaluation.reports.build.annual_report_data(year=…, level=…)` builds one from the
database; the renderers (`pdf.render_pdf`, `workbook.render_xlsx`) never query. Every text
comes in both languages (`…_ko`, `…_en`); `pick(obj, "name", language)` chooses one.
Numbers are Decimals (or None when there is no value), already rounded for display.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal


def pick(obj: object, stem: str, language: str) -> str:
    """`obj.<stem>_ko` or `obj.<stem>_en` for the language, falling back to the other."""
    korean = getattr(obj, f"{stem}_ko", "") or ""
    english = getattr(obj, f"{stem}_en", "") or ""
    if language.startswith("ko"):
        return korean or english
    return english or korean


@dataclass(frozen=True)
class KeyFigure:
    """One headline number of the year (activities held, members, projects selected, …)."""

    label_ko: str
    label_en: str
    value: Decimal | None
    unit_ko: str
    unit_en: str
    source_ko: str
    source_en: str


@dataclass(frozen=True)
class ChartSeries:
    label_ko: str
    label_en: str
    values: list[Decimal | None]


@dataclass(frozen=True)
class Chart:
    """A bar chart: one bar group per category, one bar per series."""

    title_ko: str
    title_en: str
    unit_ko: str
    unit_en: str
    categories_ko: list[str]
    categories_en: list[str]
    series: list[ChartSeries]


@dataclass(frozen=True)
class ScoreLine:
    """One node of the index tree on a scorecard (depth 0 = stage, 1 = indicator, …)."""

    code: str
    name_ko: str
    name_en: str
    depth: int
    weight: Decimal
    nature: str  # "quantitative" | "qualitative" | "group"
    raw_value: str  # formatted with its unit, "" for groups
    score: Decimal | None  # 0–100
    contribution: Decimal | None  # weight × score / 100, points of the total
    explanation_ko: str
    explanation_en: str


@dataclass(frozen=True)
class ScorecardData:
    entity_ko: str
    entity_en: str
    rank: int | None
    total: Decimal | None  # 0–100
    is_demo: bool
    lines: list[ScoreLine]


@dataclass(frozen=True)
class GoalLine:
    subject_ko: str  # e.g. "7개 시범단지"
    subject_en: str  # e.g. "7 pilot complexes"
    metric_ko: str
    metric_en: str
    unit_ko: str
    unit_en: str
    base_year: int | None
    base_value: Decimal | None
    goal_year: int
    goal_value: Decimal
    actual_value: Decimal | None
    actual_is_forecast: bool
    ratio_percent: Decimal | None  # achievement ratio, computed
    source_ko: str
    source_en: str


@dataclass(frozen=True)
class SurveyLine:
    title_ko: str
    title_en: str
    invited: int
    responded: int
    response_rate_percent: Decimal | None
    satisfaction: Decimal | None  # 0–100
    anonymous: bool


@dataclass(frozen=True)
class StoryLine:
    title_ko: str
    title_en: str
    organization_ko: str
    organization_en: str
    summary_ko: str
    summary_en: str
    is_demo: bool


@dataclass(frozen=True)
class ReportData:
    year: int
    level: str  # "mini_cluster" | "complex" | "zone" | "program"
    level_ko: str
    level_en: str
    system_ko: str  # the index system the scorecards used, e.g. "2010 권역 평가지표"
    system_en: str
    generated_at: datetime.datetime
    contains_demo_data: bool
    key_figures: list[KeyFigure] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    scorecards: list[ScorecardData] = field(default_factory=list)  # in rank order
    goals: list[GoalLine] = field(default_factory=list)
    surveys: list[SurveyLine] = field(default_factory=list)
    stories: list[StoryLine] = field(default_factory=list)
    sources_ko: list[str] = field(default_factory=list)
    sources_en: list[str] = field(default_factory=list)
