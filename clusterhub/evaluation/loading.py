"""Load the evaluation data the sources give, as part of `clusterhub load-sources`.

- The index systems of 2006–2010 (`data/reference/index_systems.csv` and `indicators.csv`),
  published as the source prints them. A blank weight means the source does not print it:
  the siblings share what their parent leaves equally, and the row's source says so.
- The goals of the seven pilot complexes, built from the observations of the table
  `d003_goal_achievement`: base value, goal and actual each point at the observation they
  come from, and the achievement ratio is computed (`Goal.achievement_ratio`), never copied.

Idempotent and transactional like the rest of `load-sources`.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

from clusterhub.core.reference import LoadReport, ReferenceDataError, _choice, _rows, _upsert
from clusterhub.evaluation.metrics import METRICS
from clusterhub.evaluation.models import (
    Direction,
    Goal,
    IndexSystem,
    Indicator,
    Level,
    Nature,
    ScoringRule,
    SystemStatus,
)
from clusterhub.evaluation.weights import equal_shares, weight_problems
from clusterhub.statistics.models import Observation

SYSTEM_COLUMNS = {
    "year",
    "level",
    "name_ko",
    "name_en",
    "description_ko",
    "description_en",
    "source",
}
INDICATOR_COLUMNS = {
    "year", "level", "code", "parent", "nature", "weight", "unit", "direction", "rule", "metric",
    "lower_bound", "upper_bound", "thresholds", "lineage", "name_ko", "name_en", "source",
}  # fmt: skip
EQUAL_SPLIT_NOTE = "weight not printed in the source: equal share of the parent"


def _decimal(text: str, path: Path, number: int, column: str) -> Decimal | None:
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation as error:
        raise ReferenceDataError(
            f"{path}, row {number}: {column} '{text}' is not a number"
        ) from error


@transaction.atomic
def index_systems_load(root: Path) -> LoadReport:
    report = LoadReport()
    systems_path = root / "index_systems.csv"
    indicators_path = root / "indicators.csv"
    systems: dict[tuple[int, str], IndexSystem] = {}
    for number, row in _rows(systems_path, SYSTEM_COLUMNS):
        level = _choice(row["level"], Level, systems_path, number, "level")
        year = int(row["year"])
        systems[year, level] = _upsert(
            IndexSystem,
            {"year": year, "level": level},
            {
                "name_ko": row["name_ko"],
                "name_en": row["name_en"],
                "description_ko": row["description_ko"],
                "description_en": row["description_en"],
                "source": row["source"],
                "status": SystemStatus.PUBLISHED,
            },
            report,
            "index systems",
        )

    rows_by_system: dict[tuple[int, str], list[tuple[int, dict]]] = defaultdict(list)
    for number, row in _rows(indicators_path, INDICATOR_COLUMNS):
        key = (int(row["year"]), row["level"])
        if key not in systems:
            raise ReferenceDataError(
                f"{indicators_path}, row {number}: no index system {key[0]} {key[1]}"
            )
        rows_by_system[key].append((number, row))

    for key, rows in rows_by_system.items():
        _load_tree(systems[key], rows, indicators_path, report)
    return report


def _load_tree(system: IndexSystem, rows, path: Path, report: LoadReport) -> None:
    codes = {row["code"] for _n, row in rows}
    weights: dict[str, Decimal | None] = {}
    for number, row in rows:
        if row["parent"] and row["parent"] not in codes:
            raise ReferenceDataError(f"{path}, row {number}: unknown parent '{row['parent']}'")
        weights[row["code"]] = _decimal(row["weight"], path, number, "weight")
    # Blank weights: what the parent (or the 100 points) leaves, shared equally, top down.
    children = defaultdict(list)
    for _number, row in rows:
        children[row["parent"]].append(row["code"])
    split = set()
    queue = [""]
    while queue:
        parent = queue.pop(0)
        kids = children.get(parent, [])
        available = Decimal("100") if parent == "" else weights[parent]
        blank = [code for code in kids if weights[code] is None]
        if blank:
            given = sum((weights[c] for c in kids if weights[c] is not None), Decimal("0"))
            for code, share in zip(blank, equal_shares(available - given, len(blank)), strict=True):
                weights[code] = share
                split.add(code)
        queue.extend(kids)

    saved: dict[str, Indicator] = {}
    for position, (number, row) in enumerate(rows):
        nature = _choice(row["nature"], Nature, path, number, "nature")
        rule = _choice(row["rule"], ScoringRule, path, number, "rule") if row["rule"] else ""
        direction = (
            _choice(row["direction"], Direction, path, number, "direction")
            if row["direction"]
            else Direction.HIGHER
        )
        if row["metric"] and row["metric"] not in METRICS:
            raise ReferenceDataError(f"{path}, row {number}: unknown metric '{row['metric']}'")
        source = row["source"]
        if row["code"] in split and "not printed" not in source:
            source = f"{source} ({EQUAL_SPLIT_NOTE})"
        values = {
            "parent": saved.get(row["parent"]) if row["parent"] else None,
            "position": position,
            "name_ko": row["name_ko"],
            "name_en": row["name_en"],
            "nature": nature,
            "weight": weights[row["code"]],
            "unit": row["unit"],
            "direction": direction,
            "rule": rule,
            "metric": row["metric"],
            "lower_bound": _decimal(row["lower_bound"], path, number, "lower_bound"),
            "upper_bound": _decimal(row["upper_bound"], path, number, "upper_bound"),
            "thresholds": [],
            "lineage": row["lineage"],
            "source": source,
        }
        indicator = _upsert(
            Indicator, {"system": system, "code": row["code"]}, values, report, "indicators"
        )
        try:
            indicator.full_clean()
        except Exception as error:
            raise ReferenceDataError(f"{path}, row {number}: {error}") from error
        saved[row["code"]] = indicator
    stale = system.indicators.exclude(code__in=list(saved))
    if stale.exists():
        report.record("indicators", "deleted", stale.count())
        stale.delete()
    problems = weight_problems(list(saved.values()))
    if problems:
        raise ReferenceDataError(f"{path}: {system.year} {system.level}: {'; '.join(problems)}")


# ------------------------------------------------------------------ the goal table

GOAL_TABLE = "d003_goal_achievement"
# metric code in the table → (Korean name, Korean unit)
GOAL_METRICS = {
    "production": ("생산", "십억 달러"),
    "exports": ("수출", "십억 달러"),
    "employment": ("고용", "천 명"),
}
UNIT_EN = {"billion_usd": "billion dollars", "thousand_persons": "thousand persons"}
SUBJECT_KO, SUBJECT_EN = "7개 시범단지", "7 pilot complexes"
BASE = "Base value(‘05)"


def goals_from_sources() -> LoadReport:
    """The seven pilot complexes' goals, from the loaded observations of the goal table.

    Base value and actual come from the table's "Base value" and "Achievement" columns. The
    goal comes from the vision figure ("Growth goals of pilot complexes", 190.4 → 253, …):
    the table prints the production goal as 190.4, the base value again — a misprint the
    validator reports — while the vision figure prints the goals of all three metrics.
    """
    report = LoadReport()
    observations = list(
        Observation.objects.filter(table__table_id=GOAL_TABLE).select_related("table")
    )
    if not observations:
        return report
    cells = {(obs.row_label, obs.column_label): obs for obs in observations}
    row_of = {obs.metric: obs.row_label for obs in observations if obs.column_label == BASE}
    for metric, (name_ko, unit_ko) in GOAL_METRICS.items():
        row = row_of.get(metric)
        base = cells.get((row, BASE))
        goal = cells.get((row, "Vision figure: to"))
        actual = cells.get((row, "Achievement"))
        printed = cells.get((row, "Achievement ratio"))
        if not (base and goal and actual):
            raise ReferenceDataError(f"{GOAL_TABLE}: the cells of {metric} are incomplete")
        printed_goal = cells.get((row, "Goal(‘08)"))
        note_en = (
            f"“The Performance and Outcome of the ICCP”, KICOX, July 2010, cited in 003 "
            f"[{base.table.title_en}]. Goal from the vision figure ({goal.printed})"
        )
        note_ko = (
            f"「The Performance and Outcome of the ICCP」(KICOX, 2010.7), 003 "
            f"[{base.table.title_ko}] 인용. 목표는 비전 그림의 값({goal.printed})"
        )
        if printed_goal is not None and printed_goal.value != goal.value:
            note_en += (
                f"; the table prints the goal as {printed_goal.printed}, the base value again"
            )
            note_ko += f"; 표에는 목표가 기준값과 같은 {printed_goal.printed}로 인쇄됨"
        _upsert(
            Goal,
            {
                "level": Level.PROGRAM,
                "entity_id": 0,
                "subject_en": SUBJECT_EN,
                "metric": metric,
                "goal_year": goal.year,
            },
            {
                "subject_ko": SUBJECT_KO,
                "metric_ko": name_ko,
                "metric_en": metric.capitalize(),
                "unit_ko": unit_ko,
                "unit_en": UNIT_EN.get(base.unit, base.unit),
                "base_year": base.year,
                "base_value": base.value.quantize(Decimal("0.01")),
                "goal_value": goal.value.quantize(Decimal("0.01")),
                "actual_value": actual.value.quantize(Decimal("0.01")),
                "printed_ratio": printed.value.quantize(Decimal("0.1")) if printed else None,
                "base_observation": base,
                "goal_observation": goal,
                "actual_observation": actual,
                "source_ko": note_ko + ".",
                "source_en": note_en + ".",
            },
            report,
            "goals",
        )
    return report
