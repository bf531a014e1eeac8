"""The registry of metrics: how each quantitative indicator's value is computed from the
platform's own records, per entity (mini cluster, complex, zone, whole program) and year.

Every metric gives its value and the queryset of the records behind it, so every number on a
scorecard opens onto the activities, memberships, difficulties, applications, outcome
records or survey responses it counts. Each entity's value is computed by filtering the
records directly (never by adding up lower levels), so a company in two mini clusters of one
zone is not counted twice for the zone.

A record belongs to an entity through its mini cluster: the mini cluster's hub complex
(`MiniCluster.hub`) and that complex's zone (`Complex.zone`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clusterhub.core.models import localized
from clusterhub.evaluation.models import PROGRAM_ENTITY_ID, ActualKind, Level
from clusterhub.networks.models import Attendance, MiniClusterMembership, NetworkingActivity
from clusterhub.outcomes.models import OutcomeMetric, OutcomePeriod, OutcomeRecord
from clusterhub.pipeline.models import Application, Difficulty, DifficultyStatus
from clusterhub.pipeline.workflow import State

# A follow-up period's value belongs to the project's year plus this many years.
PERIOD_OFFSET = {
    OutcomePeriod.COMPLETION: 0,
    OutcomePeriod.PLUS_1: 1,
    OutcomePeriod.PLUS_2: 2,
    OutcomePeriod.PLUS_3: 3,
}
SELECTED_STATES = (State.SELECTED, State.CONDITIONALLY_SELECTED)
SUBMITTED_STATES = (State.SUBMITTED,)


@dataclass(frozen=True)
class Scope:
    """An evaluated entity: its level and id (0 for the whole program)."""

    level: str
    entity_id: int

    def filter(self, path: str) -> Q:
        """Records whose mini cluster (reached by `path`) lies in this entity."""
        if self.level == Level.PROGRAM:
            return Q()
        suffix = {
            Level.MINI_CLUSTER: "_id",
            Level.COMPLEX: "__hub_id",
            Level.ZONE: "__hub__zone_id",
        }[self.level]
        return Q(**{f"{path}{suffix}": self.entity_id})


@dataclass(frozen=True)
class RecordRow:
    """One record behind a number, as the drill-down lists it."""

    date: datetime.date | None
    label: str
    detail: str
    value: Decimal | None
    url: str
    is_demo: bool


@dataclass(frozen=True)
class Metric:
    code: str
    name: object  # lazy translation
    unit: object
    description: object
    records: Callable[[Scope, int], QuerySet]
    # None: the value is the number of records.
    value: Callable[[QuerySet, Scope, int], Decimal | None] | None
    rows: Callable[[QuerySet], Iterable[RecordRow]]
    # Derived metrics read goals, whose platform actuals are set from the other metrics first.
    derived: bool = False

    def compute(self, scope: Scope, year: int) -> tuple[Decimal | None, int]:
        """The value and how many records it rests on."""
        records = self.records(scope, year)
        count = records.count()
        if self.value is None:
            return Decimal(count), count
        return self.value(records, scope, year), count


def _sum(field: str) -> Callable[[QuerySet, Scope, int], Decimal]:
    def total(records: QuerySet, scope: Scope, year: int) -> Decimal:
        value = records.order_by().aggregate(total=Sum(field))["total"]
        return Decimal(value or 0)

    return total


# ------------------------------------------------------------------ record sets


def _activities(scope: Scope, year: int) -> QuerySet:
    return (
        NetworkingActivity.objects.filter(scope.filter("mini_cluster"), held_on__year=year)
        .select_related("mini_cluster")
        .order_by("held_on", "id")
    )


def _attendance(scope: Scope, year: int) -> QuerySet:
    return (
        Attendance.objects.filter(
            scope.filter("activity__mini_cluster"), activity__held_on__year=year
        )
        .select_related("activity__mini_cluster", "organization")
        .order_by("activity__held_on", "id")
    )


def _members(scope: Scope, year: int) -> QuerySet:
    year_end = datetime.date(year, 12, 31)
    return (
        MiniClusterMembership.objects.filter(scope.filter("mini_cluster"), joined_on__lte=year_end)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=year_end))
        .select_related("organization", "mini_cluster")
        .order_by("mini_cluster_id", "joined_on", "id")
    )


def _difficulties(scope: Scope, year: int) -> QuerySet:
    return (
        Difficulty.objects.filter(scope.filter("mini_cluster"), created_at__year=year)
        .select_related("organization")
        .order_by("created_at", "id")
    )


def _difficulties_converted(scope: Scope, year: int) -> QuerySet:
    return _difficulties(scope, year).filter(status=DifficultyStatus.CONVERTED)


def _applications(scope: Scope, year: int) -> QuerySet:
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


def _selected(scope: Scope, year: int) -> QuerySet:
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


def _outcomes(metric: str) -> Callable[[Scope, int], QuerySet]:
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


def _satisfaction_records(scope: Scope, year: int) -> QuerySet:
    from clusterhub.surveys.selectors import satisfaction_responses

    entity_id = None if scope.level == Level.PROGRAM else scope.entity_id
    return satisfaction_responses(level=scope.level, entity_id=entity_id, year=year)


def _satisfaction_value(records: QuerySet, scope: Scope, year: int) -> Decimal | None:
    from clusterhub.surveys.selectors import satisfaction_for

    entity_id = None if scope.level == Level.PROGRAM else scope.entity_id
    return satisfaction_for(level=scope.level, entity_id=entity_id, year=year).score


# ------------------------------------------------------------------ drill-down rows


def _activity_url(activity: NetworkingActivity) -> str:
    from django.urls import reverse

    return reverse(
        "networks:activity_detail",
        kwargs={"slug": activity.mini_cluster.slug, "pk": activity.pk},
    )


def _activity_rows(records: QuerySet) -> Iterable[RecordRow]:
    for activity in records:
        yield RecordRow(
            date=activity.held_on,
            label=localized(activity.title_ko, activity.title_en),
            detail=str(activity.mini_cluster),
            value=None,
            url=_activity_url(activity),
            is_demo=activity.is_demo,
        )


def _attendance_rows(records: QuerySet) -> Iterable[RecordRow]:
    for attendance in records:
        yield RecordRow(
            date=attendance.activity.held_on,
            label=str(attendance.organization),
            detail=localized(attendance.activity.title_ko, attendance.activity.title_en),
            value=None,
            url=_activity_url(attendance.activity),
            is_demo=attendance.activity.is_demo,
        )


def _membership_rows(records: QuerySet) -> Iterable[RecordRow]:
    for membership in records:
        yield RecordRow(
            date=membership.joined_on,
            label=str(membership.organization),
            detail=str(membership.mini_cluster),
            value=None,
            url=membership.organization.get_absolute_url(),
            is_demo=membership.organization.is_demo,
        )


def _difficulty_rows(records: QuerySet) -> Iterable[RecordRow]:
    for difficulty in records:
        yield RecordRow(
            date=difficulty.created_at.date(),
            label=str(difficulty.organization),
            detail=difficulty.get_category_display(),
            value=None,
            url=difficulty.get_absolute_url(),
            is_demo=difficulty.is_demo,
        )


def _application_rows(records: QuerySet) -> Iterable[RecordRow]:
    for application in records:
        yield RecordRow(
            date=None,
            label=f"{application.reference} {application.title}",
            detail=str(application.organization),
            value=application.requested_amount,
            url=application.get_absolute_url(),
            is_demo=application.is_demo,
        )


def _outcome_rows(records: QuerySet) -> Iterable[RecordRow]:
    from django.urls import reverse

    for record in records:
        yield RecordRow(
            date=record.verified_at.date() if record.verified_at else None,
            label=str(record.organization),
            detail=f"{record.application.reference} · {record.get_period_display()}",
            value=record.value,
            url=reverse("outcomes:ledger", kwargs={"pk": record.application_id}),
            is_demo=record.is_demo,
        )


def _response_rows(records: QuerySet) -> Iterable[RecordRow]:
    for response in records.select_related("survey"):
        survey = response.survey
        yield RecordRow(
            date=response.submitted_at.date() if response.submitted_at else None,
            label=localized(survey.title_ko, survey.title_en),
            detail=_("anonymous") if survey.is_anonymous else "",
            value=None,
            url=survey.get_absolute_url(),
            is_demo=response.is_demo,
        )


# ------------------------------------------------------------------ the registry

_OUTCOME_UNITS = {
    OutcomeMetric.SALES: _("million KRW"),
    OutcomeMetric.EXPORTS: _("million KRW"),
    OutcomeMetric.EMPLOYEES: _("persons"),
    OutcomeMetric.PATENTS_CERTIFICATIONS: _("count"),
    OutcomeMetric.RD_SPENDING: _("million KRW"),
}
_OUTCOME_CODES = {
    OutcomeMetric.SALES: "outcome_sales",
    OutcomeMetric.EXPORTS: "outcome_exports",
    OutcomeMetric.EMPLOYEES: "outcome_employment",
    OutcomeMetric.PATENTS_CERTIFICATIONS: "outcome_patents",
    OutcomeMetric.RD_SPENDING: "outcome_rd_spending",
}

METRICS: dict[str, Metric] = {}


def _register(metric: Metric) -> None:
    METRICS[metric.code] = metric


_register(
    Metric(
        code="activities_held",
        name=_("Networking activities held"),
        unit=_("activities"),
        description=_("Networking activities of the entity's mini clusters held in the year."),
        records=_activities,
        value=None,
        rows=_activity_rows,
    )
)
_register(
    Metric(
        code="activity_participations",
        name=_("Participations in activities"),
        unit=_("participations"),
        description=_("Attendance records of organizations at the year's networking activities."),
        records=_attendance,
        value=None,
        rows=_attendance_rows,
    )
)
_register(
    Metric(
        code="members",
        name=_("Member organizations"),
        unit=_("memberships"),
        description=_("Mini-cluster memberships active on 31 December of the year."),
        records=_members,
        value=None,
        rows=_membership_rows,
    )
)
_register(
    Metric(
        code="difficulties_found",
        name=_("Difficulties found"),
        unit=_("difficulties"),
        description=_("Difficulties of companies recorded in the year."),
        records=_difficulties,
        value=None,
        rows=_difficulty_rows,
    )
)
_register(
    Metric(
        code="difficulties_converted",
        name=_("Difficulties turned into projects"),
        unit=_("difficulties"),
        description=_("Difficulties recorded in the year that became an application."),
        records=_difficulties_converted,
        value=None,
        rows=_difficulty_rows,
    )
)
_register(
    Metric(
        code="applications_submitted",
        name=_("Applications submitted"),
        unit=_("applications"),
        description=_("Applications of the year that were submitted for screening."),
        records=_applications,
        value=None,
        rows=_application_rows,
    )
)
_register(
    Metric(
        code="applications_selected",
        name=_("Projects selected"),
        unit=_("projects"),
        description=_(
            "Applications of the year that a decision selected (or selected with conditions)."
        ),
        records=_selected,
        value=None,
        rows=_application_rows,
    )
)
for _outcome_metric, _code in _OUTCOME_CODES.items():
    _register(
        Metric(
            code=_code,
            name=pgettext_lazy("evaluation metric", "Outcome: %(metric)s")
            % {"metric": OutcomeMetric(_outcome_metric).label},
            unit=_OUTCOME_UNITS[_outcome_metric],
            description=_(
                "Verified values in the follow-up ledger for the year: the completion value of "
                "the year's projects and the +1, +2 and +3 year values of earlier projects."
            ),
            records=_outcomes(_outcome_metric),
            value=_sum("value"),
            rows=_outcome_rows,
        )
    )
_register(
    Metric(
        code="satisfaction",
        name=_("Customer satisfaction"),
        unit=_("points of 100"),
        description=_(
            "Mean answer to the satisfaction questions of the year's surveys on the entity and "
            "what lies in it, scaled from 1–5 to 0–100."
        ),
        records=_satisfaction_records,
        value=_satisfaction_value,
        rows=_response_rows,
    )
)


def _execution_value(records: QuerySet, scope: Scope, year: int) -> Decimal | None:
    from clusterhub.pipeline.models import Disbursement

    requested = records.order_by().aggregate(total=Sum("requested_amount"))["total"]
    if not requested:
        return None
    paid = Disbursement.objects.filter(application__in=records.values("pk")).aggregate(
        total=Sum("amount")
    )["total"]
    return (Decimal(paid or 0) * 100 / Decimal(requested)).quantize(Decimal("0.1"))


_register(
    Metric(
        code="budget_execution",
        name=_("Budget execution"),
        unit=_("% of requested support"),
        description=_(
            "Disbursements paid to the year's selected projects, as a share of the support "
            "they requested."
        ),
        records=_selected,
        value=_execution_value,
        rows=_application_rows,
    )
)


def _goals(scope: Scope, year: int) -> QuerySet:
    from clusterhub.evaluation.models import Goal

    return Goal.objects.filter(
        level=scope.level, entity_id=scope.entity_id, goal_year=year, actual_value__isnull=False
    ).order_by("metric", "id")


def _mean_achievement(records: QuerySet, scope: Scope, year: int) -> Decimal | None:
    ratios = [goal.achievement_ratio for goal in records]
    ratios = [ratio for ratio in ratios if ratio is not None]
    if not ratios:
        return None
    return (sum(ratios, Decimal("0")) / len(ratios)).quantize(Decimal("0.1"))


def _goal_rows(records: QuerySet) -> Iterable[RecordRow]:
    from django.urls import reverse

    for goal in records:
        yield RecordRow(
            date=None,
            label=goal.metric_name,
            detail=f"{goal.goal_value:,f} → {goal.actual_value:,f} {goal.unit}"
            + (f" ({ActualKind(goal.actual_kind).label})" if goal.is_forecast else ""),
            value=goal.achievement_ratio,
            url=reverse("evaluation:goal_list") + f"?year={goal.goal_year}",
            is_demo=goal.is_demo,
        )


_register(
    Metric(
        code="goal_achievement",
        name=_("Goal achievement"),
        unit=_("% of goal"),
        description=_(
            "Mean achievement ratio of the entity's goals for the year (actual over goal)."
        ),
        records=_goals,
        value=_mean_achievement,
        rows=_goal_rows,
        derived=True,
    )
)


# The units indicators are measured in (stored in English), in the active language.
UNIT_LABELS = {
    "activities": _("activities"),
    "participations": _("participations"),
    "memberships": _("memberships"),
    "difficulties": _("difficulties"),
    "applications": _("applications"),
    "projects": _("projects"),
    "count": _("count"),
    "persons": _("persons"),
    "million KRW": _("million KRW"),
    "points of 100": _("points of 100"),
    "% of goal": _("% of goal"),
    "% of requested support": _("% of requested support"),
}


def unit_label(unit: str) -> str:
    """An indicator's unit in the active language (units not listed are shown as stored)."""
    return str(UNIT_LABELS.get(unit, unit))


def metric_choices() -> list[tuple[str, object]]:
    return [(code, metric.name) for code, metric in METRICS.items()]


def metric_value(code: str, scope: Scope, year: int) -> tuple[Decimal | None, int]:
    return METRICS[code].compute(scope, year)


def program_scope() -> Scope:
    return Scope(Level.PROGRAM, PROGRAM_ENTITY_ID)
