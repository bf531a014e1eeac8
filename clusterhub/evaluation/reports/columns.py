"""The report's tables, column by column, as both renderers read them: the heading, which
value of the data a column shows, how that value is formatted, and its share of the PDF's
width.

The PDF writes every value as text (`Column.pdf_text`); the workbook writes numbers as
numbers with a number format that follows the column's `Kind`, so a reader can compute with
them. A column without a `pdf_width` is the workbook's only; one with `in_workbook=False` is
the PDF's only.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterhub.evaluation.models import Nature
from clusterhub.evaluation.reports.data import GoalLine, pick
from clusterhub.evaluation.reports.numbers import DASH, format_number, format_percent


class Kind(enum.Enum):
    TEXT = "text"  # as it is
    NUMBER = "number"  # thousands separators, the value's own decimals
    PERCENT = "percent"  # one decimal and a per cent sign
    YEAR = "year"  # no thousands separator; a dash when missing
    RANK = "rank"  # a whole number; a dash when missing


@dataclass(frozen=True)
class Column:
    key: str
    heading: object  # a lazy translation
    value: Callable[[Any, str], object]  # (item, language) → the value
    kind: Kind = Kind.TEXT
    pdf_width: float | None = None  # a share of the PDF's width; None: not in the PDF
    pdf_align: str = "LEFT"
    in_workbook: bool = True
    pdf_text_of: Callable[[Any, str], str] | None = None  # when the PDF says more

    def pdf_text(self, item: object, language: str) -> str:
        """The value as the PDF writes it."""
        if self.pdf_text_of is not None:
            return self.pdf_text_of(item, language)
        value = self.value(item, language)
        if self.kind == Kind.NUMBER:
            return format_number(value)
        if self.kind == Kind.PERCENT:
            return format_percent(value)
        if self.kind in (Kind.YEAR, Kind.RANK):
            return DASH if value is None else str(value)
        return value or ""


def pdf_columns(columns: list[Column]) -> list[Column]:
    return [column for column in columns if column.pdf_width is not None]


def workbook_columns(columns: list[Column]) -> list[Column]:
    return [column for column in columns if column.in_workbook]


def _picked(stem: str) -> Callable[[Any, str], str]:
    return lambda item, language: pick(item, stem, language)


def _field(name: str) -> Callable[[Any, str], object]:
    return lambda item, language: getattr(item, name)


def _demo(item, language: str) -> str:
    return _("Demo") if item.is_demo else ""


def _yes_no(name: str) -> Callable[[Any, str], str]:
    return lambda item, language: _("Yes") if getattr(item, name) else _("No")


def _nature(row, language: str) -> str:
    natures = {
        Nature.QUANTITATIVE.value: _("Quantitative"),
        Nature.QUALITATIVE.value: _("Qualitative"),
        Nature.GROUP.value: _("Group"),
    }
    nature = row[1].nature
    return natures.get(nature, nature)


def _actual_with_forecast(goal: GoalLine, language: str) -> str:
    text = format_number(goal.actual_value)
    if goal.actual_is_forecast and goal.actual_value is not None:
        return f"{text} ({_('Forecast')})"
    return text


def _of_line(value: Callable[[Any, str], object]) -> Callable[[Any, str], object]:
    """A value of a scorecard line, for the rows of (scorecard, line) pairs."""
    return lambda row, language: value(row[1], language)


# The ranking: one row per scorecard (`ScorecardData`).
RANKING = [
    Column("rank", gettext_lazy("Rank"), _field("rank"), Kind.RANK, 12, "CENTER"),
    Column("entity", gettext_lazy("Entity"), _picked("entity"), Kind.TEXT, 58),
    Column("total", gettext_lazy("Total score"), _field("total"), Kind.NUMBER, 16, "RIGHT"),
    Column("demo", gettext_lazy("Demo data"), _demo, Kind.TEXT, 14, "CENTER"),
]

# The indicators: one row per (scorecard, line) pair; the PDF prints a table per scorecard.
INDICATORS = [
    Column(
        "entity",
        gettext_lazy("Entity"),
        lambda row, language: pick(row[0], "entity", language),
    ),
    Column("code", gettext_lazy("Code"), _of_line(_field("code")), Kind.TEXT, 14),
    Column("name", gettext_lazy("Indicator"), _of_line(_picked("name")), Kind.TEXT, 50),
    Column("depth", gettext_lazy("Depth"), _of_line(_field("depth")), Kind.NUMBER),
    Column("nature", gettext_lazy("Nature"), _nature),
    Column("weight", gettext_lazy("Weight"), _of_line(_field("weight")), Kind.NUMBER, 11, "RIGHT"),
    Column("value", gettext_lazy("Value"), _of_line(_field("raw_value")), Kind.TEXT, 27, "RIGHT"),
    Column("score", gettext_lazy("Score"), _of_line(_field("score")), Kind.NUMBER, 11, "RIGHT"),
    Column(
        "contribution",
        gettext_lazy("Contribution"),
        _of_line(_field("contribution")),
        Kind.NUMBER,
        15,
        "RIGHT",
    ),
    Column("explanation", gettext_lazy("Explanation"), _of_line(_picked("explanation"))),
]

# The goals (`GoalLine`).
GOALS = [
    Column("subject", gettext_lazy("Subject"), _picked("subject"), Kind.TEXT, 24),
    Column("metric", gettext_lazy("Metric"), _picked("metric"), Kind.TEXT, 26),
    Column("unit", gettext_lazy("Unit"), _picked("unit"), Kind.TEXT, 11, "CENTER"),
    Column("base_year", gettext_lazy("Base year"), _field("base_year"), Kind.YEAR, 11, "CENTER"),
    Column(
        "base_value", gettext_lazy("Base value"), _field("base_value"), Kind.NUMBER, 14, "RIGHT"
    ),
    Column("goal_year", gettext_lazy("Goal year"), _field("goal_year"), Kind.YEAR, 11, "CENTER"),
    Column(
        "goal_value", gettext_lazy("Goal value"), _field("goal_value"), Kind.NUMBER, 14, "RIGHT"
    ),
    Column(
        "actual",
        gettext_lazy("Actual"),
        _field("actual_value"),
        Kind.NUMBER,
        17,
        "RIGHT",
        pdf_text_of=_actual_with_forecast,
    ),
    Column("forecast", gettext_lazy("Forecast"), _yes_no("actual_is_forecast")),
    Column(
        "achievement",
        gettext_lazy("Achievement"),
        _field("ratio_percent"),
        Kind.PERCENT,
        14,
        "RIGHT",
    ),
    Column("source", gettext_lazy("Source"), _picked("source")),
]

# The satisfaction surveys (`SurveyLine`).
SURVEYS = [
    Column("survey", gettext_lazy("Survey"), _picked("title"), Kind.TEXT, 40),
    Column("invited", gettext_lazy("Invited"), _field("invited"), Kind.NUMBER, 11, "RIGHT"),
    Column("responded", gettext_lazy("Responded"), _field("responded"), Kind.NUMBER, 12, "RIGHT"),
    Column(
        "response_rate",
        gettext_lazy("Response rate"),
        _field("response_rate_percent"),
        Kind.PERCENT,
        13,
        "RIGHT",
    ),
    Column(
        "satisfaction",
        gettext_lazy("Satisfaction (0–100)"),
        _field("satisfaction"),
        Kind.NUMBER,
        14,
        "RIGHT",
    ),
    Column("anonymous", gettext_lazy("Anonymous"), _yes_no("anonymous"), Kind.TEXT, 10, "CENTER"),
]

# The success stories (`StoryLine`); the PDF tells them as text rather than in a table.
STORIES = [
    Column("story", gettext_lazy("Story"), _picked("title")),
    Column("organization", gettext_lazy("Organization"), _picked("organization")),
    Column("summary", gettext_lazy("Summary"), _picked("summary")),
    Column("demo", gettext_lazy("Demo data"), _demo),
]

# The sources, numbered: (number, source) pairs; the PDF lists them as text.
SOURCES = [
    Column("number", gettext_lazy("No."), lambda row, language: row[0], Kind.RANK),
    Column("source", gettext_lazy("Source"), lambda row, language: row[1]),
]
