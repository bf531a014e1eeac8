"""The drill-down: each metric's records as the rows a person reads, each with its link."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterhub.core.models import localized
from clusterhub.evaluation.metrics.base import RecordRow
from clusterhub.evaluation.models import ActualKind
from clusterhub.networks.models import NetworkingActivity


def _activity_url(activity: NetworkingActivity) -> str:
    return reverse(
        "networks:activity_detail",
        kwargs={"slug": activity.mini_cluster.slug, "pk": activity.pk},
    )


def activity_rows(records: QuerySet) -> Iterable[RecordRow]:
    for activity in records:
        yield RecordRow(
            date=activity.held_on,
            label=localized(activity.title_ko, activity.title_en),
            detail=str(activity.mini_cluster),
            value=None,
            url=_activity_url(activity),
            is_demo=activity.is_demo,
        )


def attendance_rows(records: QuerySet) -> Iterable[RecordRow]:
    for attendance in records:
        yield RecordRow(
            date=attendance.activity.held_on,
            label=str(attendance.organization),
            detail=localized(attendance.activity.title_ko, attendance.activity.title_en),
            value=None,
            url=_activity_url(attendance.activity),
            is_demo=attendance.activity.is_demo,
        )


def membership_rows(records: QuerySet) -> Iterable[RecordRow]:
    for membership in records:
        yield RecordRow(
            date=membership.joined_on,
            label=str(membership.organization),
            detail=str(membership.mini_cluster),
            value=None,
            url=membership.organization.get_absolute_url(),
            is_demo=membership.organization.is_demo,
        )


def difficulty_rows(records: QuerySet) -> Iterable[RecordRow]:
    for difficulty in records:
        yield RecordRow(
            date=difficulty.created_at.date(),
            label=str(difficulty.organization),
            detail=difficulty.get_category_display(),
            value=None,
            url=difficulty.get_absolute_url(),
            is_demo=difficulty.is_demo,
        )


def application_rows(records: QuerySet) -> Iterable[RecordRow]:
    for application in records:
        yield RecordRow(
            date=None,
            label=f"{application.reference} {application.title}",
            detail=str(application.organization),
            value=application.requested_amount,
            url=application.get_absolute_url(),
            is_demo=application.is_demo,
        )


def outcome_rows(records: QuerySet) -> Iterable[RecordRow]:
    for record in records:
        yield RecordRow(
            date=record.verified_at.date() if record.verified_at else None,
            label=str(record.organization),
            detail=f"{record.application.reference} · {record.get_period_display()}",
            value=record.value,
            url=reverse("outcomes:ledger", kwargs={"pk": record.application_id}),
            is_demo=record.is_demo,
        )


def response_rows(records: QuerySet) -> Iterable[RecordRow]:
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


def goal_rows(records: QuerySet) -> Iterable[RecordRow]:
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
