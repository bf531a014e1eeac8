"""Writes of program evaluation: index systems, evaluator input, goals, recomputation, reports.

The recomputation is the heart of it. A `RecomputationRun` for a year is planned into units
(metrics of one entity; the platform goals' actuals; goal-derived metrics of one entity; the
scorecards of one level), and each unit writes its results *and* marks itself done in one
transaction. Values are written by upsert, never by adding to what is there, so running a
unit twice gives the same rows; a run killed halfway resumes at the first unit not done and
ends with exactly the values an uninterrupted run gives.
"""

from __future__ import annotations

import datetime
import time
import traceback
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterhub.accounts.actors import Actor
from clusterhub.core.history import delete_with_reason, history_user, save_with_reason
from clusterhub.core.tasks import background_task, enqueue
from clusterhub.evaluation import entities, policies, scoring
from clusterhub.evaluation.metrics import METRICS, Scope
from clusterhub.evaluation.models import (
    LEVEL_ORDER,
    ActualKind,
    EvaluatorInput,
    Goal,
    IndexSystem,
    Indicator,
    IndicatorScore,
    MetricValue,
    Nature,
    RecomputationRun,
    RecomputationUnit,
    ReportFile,
    ReportFormat,
    RunStatus,
    Scorecard,
    SystemStatus,
    UnitKind,
)
from clusterhub.evaluation.weights import system_weight_problems

# A run whose last progress is older than this is shown as stalled and may be resumed.
STALL_AFTER = datetime.timedelta(minutes=5)

# Tests set this to a callable(unit) that raises, to stop a run between two units the way a
# killed worker would; it is called inside the unit's transaction, after its writes.
unit_hook = None


# ------------------------------------------------------------------ index systems


def index_system_draft_from(*, actor: Actor, source: IndexSystem, year: int) -> IndexSystem:
    """A draft for `year` at the same level, copying the tree, weights, rules and lineage."""
    policies.require(policies.evaluation_can_manage(actor))
    if IndexSystem.objects.filter(year=year, level=source.level).exists():
        raise ValidationError(
            {
                "year": _("There is already an index system for %(year)s at this level.")
                % {"year": year}
            }
        )
    with transaction.atomic():
        system = IndexSystem(
            year=year,
            level=source.level,
            name_ko=_replace_year(source.name_ko, source.year, year),
            name_en=_replace_year(source.name_en, source.year, year),
            description_ko=source.description_ko,
            description_en=source.description_en,
            status=SystemStatus.DRAFT,
            based_on=source,
            source=f"Drafted from {source.year} ({source.pk})",
        )
        save_with_reason(system, actor=actor, reason="index_system_draft")
        copies: dict[int, Indicator] = {}
        # Parents before children: walk the tree level by level.
        pending = list(source.indicators.order_by("position", "code"))
        while pending:
            remaining = []
            for indicator in pending:
                if indicator.parent_id is not None and indicator.parent_id not in copies:
                    remaining.append(indicator)
                    continue
                original_pk = indicator.pk
                copy = Indicator(
                    system=system,
                    parent=copies.get(indicator.parent_id),
                    code=indicator.code,
                    position=indicator.position,
                    name_ko=indicator.name_ko,
                    name_en=indicator.name_en,
                    description_ko=indicator.description_ko,
                    description_en=indicator.description_en,
                    nature=indicator.nature,
                    weight=indicator.weight,
                    unit=indicator.unit,
                    direction=indicator.direction,
                    rule=indicator.rule,
                    metric=indicator.metric,
                    lower_bound=indicator.lower_bound,
                    upper_bound=indicator.upper_bound,
                    thresholds=indicator.thresholds,
                    lineage=indicator.lineage,
                    source=indicator.source,
                )
                save_with_reason(copy, actor=actor, reason="index_system_draft")
                copies[original_pk] = copy
            if len(remaining) == len(pending):  # pragma: no cover - a cycle cannot be saved
                raise ValidationError(_("The index tree has a cycle."))
            pending = remaining
    return system


def _replace_year(text: str, old: int, new: int) -> str:
    return text.replace(str(old), str(new)) if str(old) in text else f"{text} ({new})"


def _require_draft(system: IndexSystem) -> None:
    if not system.is_draft:
        raise ValidationError(
            _("A published index system cannot change; draft next year's system instead.")
        )


def indicator_save(*, actor: Actor, indicator: Indicator) -> Indicator:
    """Add or change one node of a draft system (the form has set its fields)."""
    policies.require(policies.evaluation_can_manage(actor))
    _require_draft(indicator.system)
    if indicator.parent_id is not None:
        parent = indicator.parent
        if parent.system_id != indicator.system_id:
            raise ValidationError({"parent": _("The parent belongs to another index system.")})
        if parent.nature != Nature.GROUP:
            raise ValidationError({"parent": _("Only a group can hold indicators.")})
        ancestor = parent
        while ancestor is not None:
            if indicator.pk and ancestor.pk == indicator.pk:
                raise ValidationError({"parent": _("An indicator cannot be under itself.")})
            ancestor = ancestor.parent
    if indicator.metric and indicator.metric not in METRICS:
        raise ValidationError(
            {"metric": _("Unknown metric “%(code)s”.") % {"code": indicator.metric}}
        )
    with transaction.atomic():
        save_with_reason(indicator, actor=actor, reason="indicator_save")
    return indicator


def indicator_delete(*, actor: Actor, indicator: Indicator) -> None:
    policies.require(policies.evaluation_can_manage(actor))
    _require_draft(indicator.system)
    with transaction.atomic():
        delete_with_reason(indicator, actor=actor, reason="indicator_delete")


def index_system_publish(*, actor: Actor, system: IndexSystem) -> IndexSystem:
    """Publish a draft whose weights add up; otherwise say which sums are off."""
    policies.require(policies.evaluation_can_manage(actor))
    _require_draft(system)
    problems = system_weight_problems(system)
    for indicator in system.indicators.all():
        try:
            indicator.full_clean()
        except ValidationError as error:
            for messages in error.message_dict.values():
                problems.extend(f"{indicator.code} {indicator.name}: {m}" for m in messages)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        system.status = SystemStatus.PUBLISHED
        save_with_reason(
            system,
            actor=actor,
            reason="index_system_publish",
            update_fields=["status", "updated_at"],
        )
    return system


# ------------------------------------------------------------------ evaluator input


def evaluator_input_save(
    *,
    actor: Actor,
    indicator: Indicator,
    entity_id: int,
    score: Decimal,
    evidence: str,
    comment: str = "",
) -> EvaluatorInput:
    places = entities.entity_names(indicator.system.level, [entity_id]).get(entity_id)
    if places is None:
        raise ValidationError({"entity_id": _("No such entity at this level.")})
    policies.require(policies.evaluator_can_enter(actor, indicator, entity_id, places))
    if indicator.nature != Nature.QUALITATIVE:
        raise ValidationError(_("Only qualitative indicators take an evaluator's score."))
    if not (evidence or "").strip():
        raise ValidationError({"evidence": _("Say what the score rests on.")})
    with transaction.atomic():
        entered = (
            EvaluatorInput.objects.select_for_update()
            .filter(indicator=indicator, entity_id=entity_id)
            .first()
        ) or EvaluatorInput(indicator=indicator, entity_id=entity_id)
        entered.score = score
        entered.evidence = evidence.strip()
        entered.comment = (comment or "").strip()
        entered.entered_by = history_user(actor)
        save_with_reason(entered, actor=actor, reason="evaluator_input_save")
    return entered


# ------------------------------------------------------------------ goals


def goal_save(*, actor: Actor, goal: Goal) -> Goal:
    policies.require(policies.evaluation_can_manage(actor))
    if goal.goal_observation_id:
        raise ValidationError(_("Goals from the source documents change only with the sources."))
    with transaction.atomic():
        save_with_reason(goal, actor=actor, reason="goal_save")
    return goal


# ------------------------------------------------------------------ recomputation


def recomputation_start(*, actor: Actor | None, year: int) -> RecomputationRun:
    """Plan a run for the year and hand it to the background worker."""
    with transaction.atomic():
        run = recomputation_plan(actor=actor, year=year)
        enqueue(recomputation_execute, run_id=run.pk)
    return run


def recomputation_plan(*, actor: Actor | None, year: int) -> RecomputationRun:
    """A planned run for the year (not started); `recomputation_execute` does it."""
    if actor is not None:
        policies.require(policies.evaluation_can_manage(actor))
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
    if actor is not None:
        policies.require(policies.evaluation_can_manage(actor))
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
        ranks = scoring.rank_scores(totals, "higher") if totals else {}
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


def recomputation_levels() -> list[str]:
    return list(LEVEL_ORDER)


# ------------------------------------------------------------------ reports


def report_request(
    *, actor: Actor, year: int, level: str, language: str, formats: list[str]
) -> list[ReportFile]:
    policies.require(policies.evaluation_can_manage(actor))
    files = []
    with transaction.atomic():
        for fmt in formats:
            report = ReportFile.objects.create(
                year=year,
                level=level,
                language=language,
                format=fmt,
                requested_by=history_user(actor),
            )
            files.append(report)
            enqueue(report_produce, report_id=report.pk)
    return files


def report_bytes(*, year: int, level: str, language: str, fmt: str) -> bytes:
    from clusterhub.evaluation.reports.build import annual_report_data
    from clusterhub.evaluation.reports.pdf import render_pdf
    from clusterhub.evaluation.reports.workbook import render_xlsx

    data = annual_report_data(year=year, level=level, language=language)
    if fmt == ReportFormat.PDF:
        return render_pdf(data, language)
    return render_xlsx(data, language)


@background_task
def report_produce(*, report_id: int) -> None:
    report = ReportFile.objects.get(pk=report_id)
    if report.status == RunStatus.DONE:
        return
    ReportFile.objects.filter(pk=report_id).update(status=RunStatus.RUNNING)
    started = time.perf_counter()
    try:
        content = report_bytes(
            year=report.year, level=report.level, language=report.language, fmt=report.format
        )
    except Exception:
        ReportFile.objects.filter(pk=report_id).update(
            status=RunStatus.FAILED, error=traceback.format_exc(limit=5)[-4000:]
        )
        raise
    report.file.save(report.file_name, ContentFile(content), save=False)
    report.size_bytes = len(content)
    report.duration_ms = int((time.perf_counter() - started) * 1000)
    report.status = RunStatus.DONE
    report.save(update_fields=["file", "size_bytes", "duration_ms", "status", "updated_at"])


def report_refuse_unless_done(report: ReportFile) -> None:
    if report.status != RunStatus.DONE or not report.file:
        raise PermissionDenied
