"""The records each metric counts, per entity and year, and the values computed from them.

Each entity's records are filtered directly (never added up from lower levels), so a company
in two mini clusters of one zone is not counted twice for the zone. A record belongs to an
entity through its mini cluster: the mini cluster's hub complex (`MiniCluster.hub`) and that
complex's zone (`Complex.zone`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from clusterhub.evaluation.metrics.base import Scope
from clusterhub.evaluation.models import Goal, Level
from clusterhub.networks.models import Attendance, MiniClusterMembership, NetworkingActivity
from clusterhub.outcomes.models import OutcomePeriod, OutcomeRecord
from clusterhub.pipeline.models import Application, Difficulty, DifficultyStatus, Disbursement
from clusterhub.pipeline.workflow import State
from clusterhub.surveys.selectors import satisfaction_for, satisfaction_responses

# A follow-up period's value belongs to the project's year plus this many years.
PERIOD_OFFSET = {
    OutcomePeriod.COMPLETION: 0,
    OutcomePeriod.PLUS_1: 1,
    OutcomePeriod.PLUS_2: 2,
    OutcomePeriod.PLUS_3: 3,
}
SELECTED_STATES = (State.SELECTED, State.CONDITIONALLY_SELECTED)
SUBMITTED_STATES = (State.SUBMITTED,)


def sum_of(field: str) -> Callable[[QuerySet, Scope, int], Decimal]:
    """A value that adds up a field of the records (0 when there are none)."""

    def total(records: QuerySet, scope: Scope, year: int) -> Decimal:
        value = records.order_by().aggregate(total=Sum(field))["total"]
        return Decimal(value or 0)

    return total


def activities(scope: Scope, year: int) -> QuerySet:
    return (
        NetworkingActivity.objects.filter(scope.filter("mini_cluster"), held_on__year=year)
        .select_related("mini_cluster")
        .order_by("held_on", "id")
    )


def attendance(scope: Scope, year: int) -> QuerySet:
    return (
        Attendance.objects.filter(
            scope.filter("activity__mini_cluster"), activity__held_on__year=year
        )
        .select_related("activity__mini_cluster", "organization")
        .order_by("activity__held_on", "id")
    )


def members(scope: Scope, year: int) -> QuerySet:
    year_end = datetime.date(year, 12, 31)
    return (
        MiniClusterMembership.objects.filter(scope.filter("mini_cluster"), joined_on__lte=year_end)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=year_end))
        .select_related("organization", "mini_cluster")
        .order_by("mini_cluster_id", "joined_on", "id")
    )


def difficulties(scope: Scope, year: int) -> QuerySet:
    return (
        Difficulty.objects.filter(scope.filter("mini_cluster"), created_at__year=year)
        .select_related("organization")
        .order_by("created_at", "id")
    )


def difficulties_converted(scope: Scope, year: int) -> QuerySet:
    return difficulties(scope, year).filter(status=DifficultyStatus.CONVERTED)


def applications_submitted(scope: Scope, year: int) -> QuerySet:
    return (
        Application.objects.filter(
            scope.filter("mini_cluster"),
            year=year,
            transitions__to_state__in=SUBMITTED_STATES,
        )
        .distinct()
        .select_related("organization")
        .order_by("reference")
    )


def applications_selected(scope: Scope, year: int) -> QuerySet:
    return (
        Application.objects.filter(
            scope.filter("mini_cluster"),
            year=year,
            transitions__to_state__in=SELECTED_STATES,
        )
        .distinct()
        .select_related("organization")
        .order_by("reference")
    )


def outcomes(metric: str) -> Callable[[Scope, int], QuerySet]:
    def records(scope: Scope, year: int) -> QuerySet:
        in_year = Q()
        for period, offset in PERIOD_OFFSET.items():
            in_year |= Q(period=period, application__year=year - offset)
        return (
            OutcomeRecord.objects.filter(
                scope.filter("application__mini_cluster"),
                in_year,
                metric=metric,
                verified_at__isnull=False,
            )
            .select_related("application", "organization")
            .order_by("application__reference", "period", "id")
        )

    return records


def satisfaction_records(scope: Scope, year: int) -> QuerySet:
    entity_id = None if scope.level == Level.PROGRAM else scope.entity_id
    return satisfaction_responses(level=scope.level, entity_id=entity_id, year=year)


def satisfaction_value(records: QuerySet, scope: Scope, year: int) -> Decimal | None:
    entity_id = None if scope.level == Level.PROGRAM else scope.entity_id
    return satisfaction_for(level=scope.level, entity_id=entity_id, year=year).score


def execution_value(records: QuerySet, scope: Scope, year: int) -> Decimal | None:
    requested = records.order_by().aggregate(total=Sum("requested_amount"))["total"]
    if not requested:
        return None
    paid = Disbursement.objects.filter(application__in=records.values("pk")).aggregate(
        total=Sum("amount")
    )["total"]
    return (Decimal(paid or 0) * 100 / Decimal(requested)).quantize(Decimal("0.1"))


def goals_with_actuals(scope: Scope, year: int) -> QuerySet:
    return Goal.objects.filter(
        level=scope.level, entity_id=scope.entity_id, goal_year=year, actual_value__isnull=False
    ).order_by("metric", "id")


def mean_achievement(records: QuerySet, scope: Scope, year: int) -> Decimal | None:
    ratios = [goal.achievement_ratio for goal in records]
    ratios = [ratio for ratio in ratios if ratio is not None]
    if not ratios:
        return None
    return (sum(ratios, Decimal("0")) / len(ratios)).quantize(Decimal("0.1"))
