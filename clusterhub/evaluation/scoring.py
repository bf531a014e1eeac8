"""Score every entity of a level under an index system, each line explained.

Each leaf indicator gets a value and a score from 0 to 100 by its rule:
- linear: the lower bound scores 0, the upper bound 100, straight in between (reversed when
  lower is better), clamped;
- thresholds: the score of the highest threshold the value reaches;
- rank: 100 for the best of the entities evaluated, 0 for the last, evenly in between; equal
  values share a rank;
- goal achievement: the achievement ratio (%), scored linearly between the bounds;
- evaluator: the qualitative score an evaluator entered, with its evidence;
- lower-level average: the mean total of the level below's scorecards inside the entity.

A line contributes weight × score / 100 points; a group scores the sum of its children's
points over its weight; the total is the sum of the top nodes' points. A missing value scores
0 and marks the scorecard incomplete, so nobody gains from missing data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg
from django.utils import translation
from django.utils.translation import gettext as _

from clusterhub.evaluation.models import (
    LEVEL_ORDER,
    Direction,
    EvaluatorInput,
    IndexSystem,
    Indicator,
    Level,
    MetricValue,
    Nature,
    Scorecard,
    ScoringRule,
)
from clusterhub.evaluation.selectors import tree_order
from clusterhub.evaluation.units import unit_label

HUNDRED = Decimal("100")
CENT = Decimal("0.01")


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _fmt(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = f"{value.quantize(CENT, rounding=ROUND_HALF_UP):,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass
class Line:
    indicator: Indicator
    raw_value: Decimal | None = None
    score: Decimal | None = None
    contribution: Decimal | None = None
    explanation: dict[str, str] = field(default_factory=dict)
    missing: bool = False


def linear_score(value: Decimal, lower: Decimal, upper: Decimal, direction: str) -> Decimal:
    share = (value - lower) / (upper - lower)
    if direction == Direction.LOWER:
        share = 1 - share
    return max(Decimal("0"), min(HUNDRED, share * HUNDRED))


def threshold_score(value: Decimal, thresholds: list, direction: str) -> Decimal:
    pairs = sorted(
        ((Decimal(str(v)), Decimal(str(s))) for v, s in thresholds),
        key=lambda pair: pair[0],
        reverse=direction != Direction.LOWER,
    )
    for limit, score in pairs:
        reached = value >= limit if direction != Direction.LOWER else value <= limit
        if reached:
            return score
    return Decimal("0")


def rank_scores(values: dict[int, Decimal], direction: str) -> dict[int, tuple[int, Decimal]]:
    """entity → (rank, score) among the entities that have a value."""
    ordered = sorted(set(values.values()), reverse=direction != Direction.LOWER)
    rank_of_value = {}
    position = 1
    for distinct in ordered:
        rank_of_value[distinct] = position
        position += sum(1 for v in values.values() if v == distinct)
    count = len(values)
    result = {}
    for entity, value in values.items():
        rank = rank_of_value[value]
        score = HUNDRED if count == 1 else HUNDRED * (count - rank) / (count - 1)
        result[entity] = (rank, score)
    return result


def lower_level(level: str) -> str | None:
    return {
        Level.COMPLEX: Level.MINI_CLUSTER,
        Level.ZONE: Level.MINI_CLUSTER,
        Level.PROGRAM: Level.ZONE,
    }.get(level)


def lower_level_totals(system: IndexSystem, entity_ids: list[int]) -> dict[int, Decimal | None]:
    """entity → mean total of the scorecards of the level below, same year, inside it."""
    below = lower_level(system.level)
    if below is None:
        return {}
    scorecards = Scorecard.objects.filter(system__year=system.year, system__level=below)
    if system.level == Level.PROGRAM:
        mean = scorecards.aggregate(mean=Avg("total"))["mean"]
        return dict.fromkeys(entity_ids, mean)
    from clusterhub.networks.models import MiniCluster

    path = "hub_id" if system.level == Level.COMPLEX else "hub__zone_id"
    inside = defaultdict(list)
    for mc_id, owner in MiniCluster.objects.values_list("id", path):
        inside[owner].append(mc_id)
    totals = dict(scorecards.values_list("entity_id", "total"))
    result = {}
    for entity in entity_ids:
        found = [totals[mc] for mc in inside.get(entity, []) if totals.get(mc) is not None]
        result[entity] = sum(found, Decimal("0")) / len(found) if found else None
    return result


def score_system(system: IndexSystem, entity_ids: list[int]) -> dict[int, list[Line]]:
    """Lines for every indicator of the system, for every entity, explained in ko and en."""
    indicators = list(system.indicators.order_by("position", "code"))
    leaves = [i for i in indicators if i.nature != Nature.GROUP]
    metrics = {i.metric for i in leaves if i.metric}
    metric_values: dict[tuple[str, int], Decimal | None] = {
        (mv.metric, mv.entity_id): mv.value
        for mv in MetricValue.objects.filter(
            metric__in=metrics, level=system.level, year=system.year, entity_id__in=entity_ids
        )
    }
    inputs = {
        (ei.indicator_id, ei.entity_id): ei
        for ei in EvaluatorInput.objects.filter(indicator__system=system, entity_id__in=entity_ids)
    }
    averages = (
        lower_level_totals(system, entity_ids)
        if any(i.rule == ScoringRule.LOWER_LEVEL_AVERAGE for i in leaves)
        else {}
    )

    raw: dict[tuple[int, int], Decimal | None] = {}
    for indicator in leaves:
        for entity in entity_ids:
            if indicator.rule == ScoringRule.EVALUATOR:
                entered = inputs.get((indicator.pk, entity))
                raw[indicator.pk, entity] = entered.score if entered else None
            elif indicator.rule == ScoringRule.LOWER_LEVEL_AVERAGE:
                raw[indicator.pk, entity] = averages.get(entity)
            else:
                raw[indicator.pk, entity] = metric_values.get((indicator.metric, entity))

    ranks: dict[int, dict[int, tuple[int, Decimal]]] = {}
    for indicator in leaves:
        if indicator.rule == ScoringRule.RANK:
            present = {
                e: raw[indicator.pk, e] for e in entity_ids if raw[indicator.pk, e] is not None
            }
            ranks[indicator.pk] = rank_scores(present, indicator.direction)

    result = {}
    for entity in entity_ids:
        lines = {i.pk: Line(indicator=i) for i in indicators}
        for indicator in leaves:
            line = lines[indicator.pk]
            value = raw[indicator.pk, entity]
            line.raw_value = value
            line.score, line.explanation = _leaf_score(
                indicator,
                value,
                ranks.get(indicator.pk, {}).get(entity),
                len(ranks.get(indicator.pk, {})),
                inputs.get((indicator.pk, entity)),
            )
            line.missing = value is None
            line.contribution = _round(indicator.weight * line.score / HUNDRED)
            line.score = _round(line.score)
        _roll_up(indicators, lines)
        result[entity] = [lines[i.pk] for i in indicators]
    return result


def _leaf_score(indicator, value, rank, ranked, entered):
    weight = _fmt(indicator.weight)
    explanation = {}
    if value is None:
        for language in ("ko", "en"):
            with translation.override(language):
                if indicator.rule == ScoringRule.EVALUATOR:
                    text = _("No evaluator score entered yet: scored 0 of weight %(weight)s.")
                else:
                    text = _("No value for this year: scored 0 of weight %(weight)s.")
                explanation[language] = text % {"weight": weight}
        return Decimal("0"), explanation

    rule = indicator.rule
    if rule in (ScoringRule.LINEAR, ScoringRule.GOAL_ACHIEVEMENT):
        score = linear_score(
            value, indicator.lower_bound, indicator.upper_bound, indicator.direction
        )
    elif rule == ScoringRule.THRESHOLDS:
        score = threshold_score(value, indicator.thresholds, indicator.direction)
    elif rule == ScoringRule.RANK:
        score = rank[1]
    else:  # evaluator, lower-level average: the value is already a score of 100
        score = max(Decimal("0"), min(HUNDRED, value))
    points = _fmt(_round(indicator.weight * score / HUNDRED))
    params = {
        "value": _fmt(value),
        "unit": "",
        "score": _fmt(_round(score)),
        "weight": weight,
        "points": points,
        "lower": _fmt(indicator.lower_bound),
        "upper": _fmt(indicator.upper_bound),
        "rank": rank[0] if rank else "",
        "count": ranked,
        "evidence": entered.evidence if entered else "",
    }
    for language in ("ko", "en"):
        with translation.override(language):
            params["unit"] = unit_label(indicator.unit)
            if rule == ScoringRule.LINEAR:
                how = _("%(value)s %(unit)s on a scale from %(lower)s (0) to %(upper)s (100)")
            elif rule == ScoringRule.GOAL_ACHIEVEMENT:
                how = _(
                    "%(value)s%% of the goal, on a scale from %(lower)s%% (0) to %(upper)s%% (100)"
                )
            elif rule == ScoringRule.THRESHOLDS:
                how = _("%(value)s %(unit)s against the thresholds")
            elif rule == ScoringRule.RANK:
                how = _("%(value)s %(unit)s, rank %(rank)s of %(count)s")
            elif rule == ScoringRule.EVALUATOR:
                how = _("evaluator's score %(value)s; evidence: %(evidence)s")
            else:
                how = _("mean total %(value)s of the lower level's scorecards")
            tail = _("→ %(score)s points of 100 × weight %(weight)s = %(points)s")
            explanation[language] = f"{how % params} {tail % params}"
    return score, explanation


def _roll_up(indicators: list[Indicator], lines: dict[int, Line]) -> None:
    """Groups from the bottom up: the sum of the children's points, as a score of 100."""
    children = defaultdict(list)
    for indicator in indicators:
        children[indicator.parent_id].append(indicator)
    # Reversed depth-first order meets every group after all of its descendants.
    for node in reversed(tree_order(indicators)):
        group = node.indicator
        if group.nature != Nature.GROUP:
            continue
        kids = [lines[k.pk] for k in children[group.pk]]
        points = sum((k.contribution or Decimal("0") for k in kids), Decimal("0"))
        line = lines[group.pk]
        line.contribution = _round(points)
        line.score = _round(points * HUNDRED / group.weight) if group.weight else Decimal("0")
        line.missing = any(k.missing for k in kids)
        for language in ("ko", "en"):
            with translation.override(language):
                line.explanation[language] = _(
                    "Sum of %(count)s indicators: %(points)s of %(weight)s points"
                ) % {
                    "count": len(kids),
                    "points": _fmt(line.contribution),
                    "weight": _fmt(group.weight),
                }


def total_of(lines: list[Line]) -> Decimal:
    return _round(
        sum(
            (
                line.contribution or Decimal("0")
                for line in lines
                if line.indicator.parent_id is None
            ),
            Decimal("0"),
        )
    )


def levels_in_order(levels) -> list[str]:
    return [level for level in LEVEL_ORDER if level in set(levels)]
