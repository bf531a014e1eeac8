"""The recomputation of a year's metrics, goal actuals and scorecards.

A `RecomputationRun` for a year is planned into units (metrics of one entity; the platform
goals' actuals; goal-derived metrics of one entity; the scorecards of one level), and each
unit writes its results *and* marks itself done in one transaction. Values are written by
upsert, never by adding to what is there, so running a unit twice gives the same rows; a run
killed halfway resumes at the first unit not done and ends with exactly the values an
uninterrupted run gives.
"""

from __future__ import annotations

import datetime
import traceback
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterhub.accounts.actors import Actor
from clusterhub.core.history import history_user, save_with_reason
from clusterhub.core.tasks import background_task, enqueue
from clusterhub.evaluation import entities, policies, scoring
from clusterhub.evaluation.metrics import METRICS, Scope
from clusterhub.evaluation.models import (
    ActualKind,
    Direction,
    Goal,
    IndexSystem,
    Indicator,
    IndicatorScore,
    MetricValue,
    RecomputationRun,
    RecomputationUnit,
    RunStatus,
    Scorecard,
    UnitKind,
)

# A run whose last progress is older than this is shown as stalled and may be resumed.
STALL_AFTER = datetime.timedelta(minutes=5)

# Tests set this to a callable(unit) that raises, to stop a run between two units the way a
# killed worker would; it is called inside the unit's transaction, after its writes.
unit_hook = None


def recomputation_start(*, actor: Actor | None, year: int) -> RecomputationRun:
    """Plan a run for the year and hand it to the background worker."""
    with transaction.atomic():
        run = recomputation_plan(actor=actor, year=year)
        enqueue(recomputation_execute, run_id=run.pk)
    return run


def recomputation_plan(*, actor: Actor | None, year: int) -> RecomputationRun:
    """A planned run for the year (not started); `recomputation_execute` does it."""
    if actor is not None and not policies.evaluation_can_manage(actor):
        raise PermissionDenied
    with transaction.atomic():
        active = RecomputationRun.objects.select_for_update().filter(
            year=year, status__in=[RunStatus.PENDING, RunStatus.RUNNING]
        )
        for run in active:
            if not _is_stalled(run):
                raise ValidationError(
                    _("A recomputation of %(year)s is already under way (#%(id)s).")
                    % {"year": year, "id": run.pk}
                )
        run = RecomputationRun.objects.create(
            year=year, requested_by=history_user(actor) if actor else None
        )
        _plan(run)
    return run


def recomputation_resume(*, actor: Actor | None, run: RecomputationRun) -> RecomputationRun:
    """Go on with a failed or stalled run from its first unit not done."""
    if actor is not None and not policies.evaluation_can_manage(actor):
        raise PermissionDenied
    if run.status == RunStatus.DONE:
        raise ValidationError(_("This recomputation is finished; start a new one instead."))
    if run.status == RunStatus.RUNNING and not _is_stalled(run):
        raise ValidationError(_("This recomputation is still making progress."))
    with transaction.atomic():
        RecomputationRun.objects.filter(pk=run.pk).update(status=RunStatus.PENDING, error="")
        enqueue(recomputation_execute, run_id=run.pk)
    run.refresh_from_db()
    return run


def _is_stalled(run: RecomputationRun) -> bool:
    last = run.heartbeat_at or run.started_at or run.created_at
    return run.status == RunStatus.RUNNING and timezone.now() - last > STALL_AFTER


def run_is_stalled(run: RecomputationRun) -> bool:
    return _is_stalled(run)


def _levels_for(year: int) -> list[str]:
    """Levels that have an index system, or a platform goal, for the year."""
    levels = set(IndexSystem.objects.filter(year=year).values_list("level", flat=True))
    levels |= set(
        Goal.objects.filter(goal_year=year, actual_from_platform=True).values_list(
            "level", flat=True
        )
    )
    return scoring.levels_in_order(levels)


def _plan(run: RecomputationRun) -> None:
    """The units of a run, in order; written once, in the run's creating transaction."""
    units = []
    levels = _levels_for(run.year)
    entity_lists = {level: entities.entity_ids(level) for level in levels}

    def add(kind, level="", entity_id=0):
        units.append(
            RecomputationUnit(
                run=run, position=len(units), kind=kind, level=level, entity_id=entity_id
            )
        )

    for level in levels:
        for entity_id in entity_lists[level]:
            add(UnitKind.METRICS, level, entity_id)
    add(UnitKind.GOALS)
    for level in levels:
        if _metrics_for(run.year, level, derived=True):
            for entity_id in entity_lists[level]:
                add(UnitKind.DERIVED, level, entity_id)
    for level in levels:
        if IndexSystem.objects.filter(year=run.year, level=level).exists():
            add(UnitKind.SCORES, level)
    RecomputationUnit.objects.bulk_create(units)
    run.total_units = len(units)
    run.save(update_fields=["total_units", "updated_at"])


def _metrics_for(year: int, level: str, *, derived: bool) -> list[str]:
    """The registry metrics the year's indicators and platform goals at a level need."""
    wanted = set(
        Indicator.objects.filter(system__year=year, system__level=level)
        .exclude(metric="")
        .values_list("metric", flat=True)
    )
    wanted |= set(
        Goal.objects.filter(goal_year=year, level=level, actual_from_platform=True).values_list(
            "metric", flat=True
        )
    )
    return sorted(code for code in wanted if code in METRICS and METRICS[code].derived == derived)


@background_task
def recomputation_execute(*, run_id: int) -> None:
    """Do every unit not done yet, each in its own transaction; record progress and failure."""
    run = RecomputationRun.objects.get(pk=run_id)
    if run.status == RunStatus.DONE:
        return
    now = timezone.now()
    RecomputationRun.objects.filter(pk=run_id).update(
        status=RunStatus.RUNNING,
        started_at=run.started_at or now,
        heartbeat_at=now,
        attempts=F("attempts") + 1,
        error="",
    )
    metric_codes: dict[tuple[str, bool], list[str]] = {}
    try:
        for unit in run.units.filter(done_at__isnull=True).order_by("position"):
            with transaction.atomic():
                if unit.kind in (UnitKind.METRICS, UnitKind.DERIVED):
                    key = (unit.level, unit.kind == UnitKind.DERIVED)
                    if key not in metric_codes:
                        metric_codes[key] = _metrics_for(run.year, unit.level, derived=key[1])
                    _compute_metrics(run, unit, metric_codes[key])
                elif unit.kind == UnitKind.GOALS:
                    _update_platform_goals(run.year)
                else:
                    _compute_scorecards(run, unit.level)
                stamp = timezone.now()
                RecomputationUnit.objects.filter(pk=unit.pk).update(done_at=stamp)
                RecomputationRun.objects.filter(pk=run_id).update(
                    done_units=F("done_units") + 1, heartbeat_at=stamp
                )
                if unit_hook is not None:
                    unit_hook(unit)
    except Exception:
        RecomputationRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED, error=traceback.format_exc(limit=5)[-4000:]
        )
        raise
    RecomputationRun.objects.filter(pk=run_id).update(
        status=RunStatus.DONE, finished_at=timezone.now()
    )


def _compute_metrics(run: RecomputationRun, unit: RecomputationUnit, codes: list[str]) -> None:
    scope = Scope(unit.level, unit.entity_id)
    now = timezone.now()
    for code in codes:
        value, count = METRICS[code].compute(scope, run.year)
        MetricValue.objects.update_or_create(
            metric=code,
            level=unit.level,
            entity_id=unit.entity_id,
            year=run.year,
            defaults={"value": value, "record_count": count, "computed_at": now, "run": run},
        )


def _update_platform_goals(year: int, today: datetime.date | None = None) -> None:
    """Platform goals take their actual from the metric; an unfinished year is a forecast,
    extrapolated from the year so far."""
    today = today or timezone.localdate()
    for goal in Goal.objects.filter(goal_year=year, actual_from_platform=True):
        measured = MetricValue.objects.filter(
            metric=goal.metric, level=goal.level, entity_id=goal.entity_id, year=year
        ).first()
        value = measured.value if measured else None
        kind = ActualKind.ACTUAL
        if value is not None and today.year == year:
            elapsed = (today - datetime.date(year, 1, 1)).days + 1
            days = (datetime.date(year, 12, 31) - datetime.date(year, 1, 1)).days + 1
            value = (value * days / elapsed).quantize(Decimal("0.01"))
            kind = ActualKind.FORECAST
        if goal.actual_value != value or goal.actual_kind != kind:
            goal.actual_value = value
            goal.actual_kind = kind
            save_with_reason(
                goal,
                actor=None,
                reason="recomputation",
                update_fields=["actual_value", "actual_kind", "updated_at"],
                clean=False,
            )


def _compute_scorecards(run: RecomputationRun, level: str) -> None:
    now = timezone.now()
    for system in IndexSystem.objects.filter(year=run.year, level=level):
        ids = entities.entity_ids(level)
        scored = scoring.score_system(system, ids)
        totals = {entity: scoring.total_of(lines) for entity, lines in scored.items()}
        ranks = scoring.rank_scores(totals, Direction.HIGHER) if totals else {}
        Scorecard.objects.filter(system=system).exclude(entity_id__in=ids).delete()
        existing = {card.entity_id: card for card in Scorecard.objects.filter(system=system)}
        for entity, lines in scored.items():
            card = existing.get(entity) or Scorecard(system=system, entity_id=entity)
            card.total = totals[entity]
            card.rank = ranks[entity][0]
            card.complete = not any(line.missing for line in lines)
            card.computed_at = now
            card.run = run
            card.save()
            IndicatorScore.objects.filter(scorecard=card).delete()
            IndicatorScore.objects.bulk_create(
                [
                    IndicatorScore(
                        scorecard=card,
                        indicator=line.indicator,
                        raw_value=line.raw_value,
                        score=line.score,
                        contribution=line.contribution,
                        explanation_ko=line.explanation.get("ko", ""),
                        explanation_en=line.explanation.get("en", ""),
                    )
                    for line in lines
                ]
            )
