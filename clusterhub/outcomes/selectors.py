"""Reads for outcome ledgers, follow-ups and success stories; a fixed number of queries each.

A *ledger* is a grid per company: the seven metrics down, the five periods across, each cell
with its value, whether staff verified it, its evidence, and its change against the baseline.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from clusterhub.directory.models import Organization
from clusterhub.outcomes import schedule
from clusterhub.outcomes.models import (
    FOLLOW_UP_MONTHS,
    METRIC_UNITS,
    FollowUpReminder,
    OutcomeMetric,
    OutcomePeriod,
    OutcomeRecord,
    OutcomeUnit,
    SuccessStory,
)
from clusterhub.outcomes.policies import APPLICATION_RELATED
from clusterhub.pipeline.models import Application

RECORD_RELATED = ("entered_by", "verified_by")
FOLLOW_UP_PERIODS = tuple(FOLLOW_UP_MONTHS)


# ---------------------------------------------------------------- ledgers


@dataclass(frozen=True)
class LedgerCell:
    period: str
    record: OutcomeRecord | None
    # Against the baseline: the difference in the metric's unit, and the growth in percent
    # (None when there is no baseline, the baseline is zero, or the metric is yes/no).
    change: Decimal | None = None
    growth_pct: Decimal | None = None


@dataclass(frozen=True)
class LedgerRow:
    metric: str
    cells: list[LedgerCell]

    @property
    def label(self) -> str:
        return OutcomeMetric(self.metric).label

    @property
    def unit(self) -> OutcomeUnit:
        return METRIC_UNITS[self.metric]

    @property
    def is_yes_no(self) -> bool:
        return self.unit == OutcomeUnit.YES_NO


@dataclass(frozen=True)
class CompanyGrid:
    organization: Organization
    rows: list[LedgerRow]

    @property
    def records(self) -> list[OutcomeRecord]:
        return [cell.record for row in self.rows for cell in row.cells if cell.record]

    @property
    def verified_count(self) -> int:
        return sum(1 for record in self.records if record.is_verified)


@dataclass(frozen=True)
class PeriodColumn:
    period: str
    due_on: datetime.date | None

    @property
    def label(self) -> str:
        return OutcomePeriod(self.period).label


@dataclass(frozen=True)
class ApplicationLedger:
    application: Application
    completed_on: datetime.date | None
    columns: list[PeriodColumn]
    grids: list[CompanyGrid] = field(default_factory=list)


def _growth(value: Decimal, baseline: Decimal, unit: OutcomeUnit) -> tuple[Decimal, Decimal | None]:
    change = value - baseline
    if unit == OutcomeUnit.YES_NO or baseline == 0:
        return change, None
    growth = (change / baseline * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return change, growth


def _grid_rows(records: Iterable[OutcomeRecord]) -> list[LedgerRow]:
    by_cell = {(record.metric, record.period): record for record in records}
    rows = []
    for metric in OutcomeMetric.values:
        baseline = by_cell.get((metric, OutcomePeriod.BASELINE))
        cells = []
        for period in OutcomePeriod.values:
            record = by_cell.get((metric, period))
            if record is None or baseline is None or period == OutcomePeriod.BASELINE:
                cells.append(LedgerCell(period=period, record=record))
                continue
            change, growth = _growth(record.value, baseline.value, METRIC_UNITS[metric])
            cells.append(LedgerCell(period=period, record=record, change=change, growth_pct=growth))
        rows.append(LedgerRow(metric=metric, cells=cells))
    return rows


def _columns(completed_on: datetime.date | None) -> list[PeriodColumn]:
    due_dates = schedule.followup_due_dates(completed_on)
    return [PeriodColumn(period=period, due_on=due_dates.get(period)) for period in OutcomePeriod]


def application_ledger(
    *, application: Application, organization_ids: Iterable[int]
) -> ApplicationLedger:
    """A project's ledger for the companies given (those the actor may see); the applicant
    first. Three queries whatever the number of companies and records."""
    organization_ids = set(organization_ids)
    records = OutcomeRecord.objects.filter(
        application=application, organization_id__in=organization_ids
    ).select_related(*RECORD_RELATED)
    by_organization: dict[int, list[OutcomeRecord]] = defaultdict(list)
    for record in records:
        record.application = application
        by_organization[record.organization_id].append(record)
    organizations = sorted(
        Organization.objects.filter(pk__in=organization_ids),
        key=lambda o: (o.pk != application.organization_id, o.name),
    )
    completed_on = schedule.completion_date(application)
    return ApplicationLedger(
        application=application,
        completed_on=completed_on,
        columns=_columns(completed_on),
        grids=[
            CompanyGrid(organization=org, rows=_grid_rows(by_organization[org.pk]))
            for org in organizations
        ],
    )


def ledger_cell(*, record: OutcomeRecord) -> LedgerCell:
    """One cell again (after verifying it), with its change against the baseline."""
    if record.period == OutcomePeriod.BASELINE:
        return LedgerCell(period=record.period, record=record)
    baseline = OutcomeRecord.objects.filter(
        application_id=record.application_id,
        organization_id=record.organization_id,
        metric=record.metric,
        period=OutcomePeriod.BASELINE,
    ).first()
    if baseline is None:
        return LedgerCell(period=record.period, record=record)
    change, growth = _growth(record.value, baseline.value, record.unit)
    return LedgerCell(period=record.period, record=record, change=change, growth_pct=growth)


def company_ledger(*, organization: Organization, scope: Q) -> list[ApplicationLedger]:
    """One company's outcomes across its projects (those in `scope`, a filter on
    `Application`): projects it applied for from the agreement on, and any project it has
    recorded outcomes for. Two queries whatever the number of projects."""
    applications = list(
        Application.objects.filter(scope)
        .filter(
            Q(organization=organization, state__in=schedule.BASELINE_STATES)
            | Q(
                pk__in=OutcomeRecord.objects.filter(organization=organization).values("application")
            )
        )
        .select_related(*APPLICATION_RELATED)
        .annotate(completed_at=schedule.completed_at_annotation())
        .order_by("-year", "-id")
    )
    by_application: dict[int, list[OutcomeRecord]] = defaultdict(list)
    for record in OutcomeRecord.objects.filter(
        organization=organization, application__in=[a.pk for a in applications]
    ).select_related(*RECORD_RELATED):
        by_application[record.application_id].append(record)
    ledgers = []
    for application in applications:
        completed_on = schedule.completion_date(application)
        for record in by_application[application.pk]:
            record.application = application
            record.organization = organization
        ledgers.append(
            ApplicationLedger(
                application=application,
                completed_on=completed_on,
                columns=_columns(completed_on),
                grids=[
                    CompanyGrid(
                        organization=organization, rows=_grid_rows(by_application[application.pk])
                    )
                ],
            )
        )
    return ledgers


# ---------------------------------------------------------------- follow-ups


@dataclass(frozen=True)
class FollowUp:
    """One follow-up year of one project: when it is due and how far its values are."""

    application: Application
    period: str
    due_on: datetime.date
    recorded: int
    reminded_at: datetime.datetime | None
    today: datetime.date

    @property
    def period_label(self) -> str:
        return OutcomePeriod(self.period).label

    @property
    def expected(self) -> int:
        return len(OutcomeMetric.values)

    @property
    def is_complete(self) -> bool:
        return self.recorded >= self.expected

    @property
    def days_overdue(self) -> int:
        """Days since the due date; negative while it is still ahead."""
        return (self.today - self.due_on).days


def followed_applications(*, scope: Q | None = None) -> QuerySet[Application]:
    """Completed projects under follow-up, each annotated with `completed_at`."""
    return (
        Application.objects.filter(scope or Q(), state__in=schedule.OUTCOME_STATES)
        .select_related(*APPLICATION_RELATED, "mini_cluster__coordinator")
        .annotate(completed_at=schedule.completed_at_annotation())
        .filter(completed_at__isnull=False)
        .order_by("pk")
    )


def followups_due(
    *, today: datetime.date, scope: Q | None = None, horizon_days: int = 0
) -> list[FollowUp]:
    """The follow-up years due by `today` (or within `horizon_days` after it) whose seven
    values the applicant company has not all recorded, earliest first. Three queries."""
    applications = list(followed_applications(scope=scope))
    if not applications:
        return []
    ids = [application.pk for application in applications]
    recorded = {
        (row["application_id"], row["period"]): row["metrics"]
        for row in OutcomeRecord.objects.filter(
            application_id__in=ids, period__in=FOLLOW_UP_PERIODS
        )
        # The follow-up is the applicant's duty; partner companies may report too.
        .filter(organization_id=F("application__organization_id"))
        .values("application_id", "period")
        .annotate(metrics=Count("metric", distinct=True))
        .order_by()
    }
    reminded = {
        (application_id, period): created_at
        for application_id, period, created_at in FollowUpReminder.objects.filter(
            application_id__in=ids
        ).values_list("application_id", "period", "created_at")
    }
    until = today + datetime.timedelta(days=horizon_days)
    due = []
    for application in applications:
        completed_on = timezone.localdate(application.completed_at)
        for period, due_on in schedule.followup_due_dates(completed_on).items():
            if due_on > until:
                continue
            followup = FollowUp(
                application=application,
                period=period,
                due_on=due_on,
                recorded=recorded.get((application.pk, period), 0),
                reminded_at=reminded.get((application.pk, period)),
                today=today,
            )
            if not followup.is_complete:
                due.append(followup)
    due.sort(key=lambda f: (f.due_on, f.application.reference))
    return due


# ---------------------------------------------------------------- success stories


def story_list_published() -> QuerySet[SuccessStory]:
    """Published stories, newest first, with their project, company and mini cluster."""
    return (
        SuccessStory.objects.filter(published_at__isnull=False)
        .select_related(*(f"application__{name}" for name in APPLICATION_RELATED))
        .order_by("-published_at", "-id")
    )


def story_for_application(*, application: Application) -> SuccessStory | None:
    return (
        SuccessStory.objects.filter(application=application)
        .select_related("consent_by", "published_by")
        .first()
    )


def organizations_recordable(*, organization_ids: set[int]) -> QuerySet[Organization]:
    """The companies whose values the actor may record on a ledger, for the form's choices."""
    return Organization.objects.filter(pk__in=organization_ids).order_by("name_ko")
