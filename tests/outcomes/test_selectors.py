"""Reads: the ledger grid, growth against the baseline, follow-ups, stories; query counts."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clusterhub.accounts.actors import actor_for
from clusterhub.outcomes import policies, selectors
from clusterhub.outcomes.models import FollowUpReminder, OutcomeMetric, OutcomePeriod
from clusterhub.pipeline.models import Participant
from tests import factories as f
from tests.outcomes import factories as of

pytestmark = pytest.mark.django_db


def _cell(grid, metric, period):
    row = next(row for row in grid.rows if row.metric == metric)
    return next(cell for cell in row.cells if cell.period == period)


def test_the_ledger_is_a_grid_of_seven_metrics_by_five_periods_with_growth():
    # given sales 1,000 → 1,250 million KRW, employees 40 → 46, commercialization 0 → 1
    project = of.completed_application(on=datetime.date(2025, 3, 15))
    for metric, period, value in [
        ("sales", "baseline", "1000"),
        ("sales", "completion", "1250"),
        ("employees", "baseline", "40"),
        ("employees", "plus_1", "46"),
        ("commercialization", "baseline", "0"),
        ("commercialization", "completion", "1"),
        ("exports", "baseline", "0"),
        ("exports", "completion", "30"),
        ("patents_certifications", "completion", "2"),
    ]:
        of.OutcomeRecordFactory(application=project, metric=metric, period=period, value=value)
    # when
    ledger = selectors.application_ledger(
        application=project, organization_ids={project.organization_id}
    )
    # then
    [grid] = ledger.grids
    assert [row.metric for row in grid.rows] == OutcomeMetric.values
    assert all([c.period for c in row.cells] == OutcomePeriod.values for row in grid.rows)
    assert ledger.completed_on == datetime.date(2025, 3, 15)
    assert [c.due_on for c in ledger.columns] == [
        None,
        None,
        datetime.date(2026, 3, 15),
        datetime.date(2027, 3, 15),
        datetime.date(2028, 3, 15),
    ]
    sales = _cell(grid, "sales", "completion")
    assert (sales.change, sales.growth_pct) == (Decimal("250"), Decimal("25.0"))
    employees = _cell(grid, "employees", "plus_1")
    assert (employees.change, employees.growth_pct) == (Decimal("6"), Decimal("15.0"))
    # growth is not a percentage of zero, nor of a yes/no
    assert _cell(grid, "exports", "completion").growth_pct is None
    assert _cell(grid, "exports", "completion").change == Decimal("30")
    assert _cell(grid, "commercialization", "completion").growth_pct is None
    # without a baseline there is no change; an empty cell has no record
    assert _cell(grid, "patents_certifications", "completion").change is None
    assert _cell(grid, "rd_spending", "baseline").record is None
    assert grid.verified_count == 0
    assert len(grid.records) == 9


def test_the_ledger_shows_only_the_companies_asked_for_applicant_first():
    project = of.completed_application()
    partner = f.OrganizationFactory(name_ko="가나다")
    Participant.objects.create(application=project, organization=partner, role="partner_company")
    of.OutcomeRecordFactory(application=project)
    of.OutcomeRecordFactory(application=project, organization=partner)
    both = selectors.application_ledger(
        application=project, organization_ids={project.organization_id, partner.pk}
    )
    assert [g.organization for g in both.grids] == [project.organization, partner]
    only_partner = selectors.application_ledger(application=project, organization_ids={partner.pk})
    assert [g.organization for g in only_partner.grids] == [partner]
    assert [r.organization for r in only_partner.grids[0].records] == [partner]


def _populate_project(size: int):
    project = of.completed_application(on=datetime.date(2024, 1, 10))
    for index in range(size):
        partner = f.OrganizationFactory()
        Participant.objects.create(
            application=project, organization=partner, role="partner_company"
        )
        for metric in OutcomeMetric.values[: 1 + index % 7]:
            of.OutcomeRecordFactory(application=project, organization=partner, metric=metric)
    return project


@pytest.mark.parametrize("size", [1, 6])
def test_the_project_ledger_takes_a_fixed_number_of_queries(size):
    project = _populate_project(size)
    ids = policies.outcome_organization_ids(project)
    with CaptureQueriesContext(connection) as queries:
        ledger = selectors.application_ledger(application=project, organization_ids=ids)
        [record.verified_by for grid in ledger.grids for record in grid.records]
    assert len(queries) == 3


def test_the_company_ledger_spans_its_projects_and_regional_staff_see_their_zone_only():
    # given one company with projects in its own zone and in another zone's mini cluster
    organization = f.OrganizationFactory()
    home = of.completed_application(
        organization=organization,
        mini_cluster=f.MiniClusterFactory(hub=organization.complex),
        on=datetime.date(2025, 1, 5),
    )
    away = of.completed_application(organization=organization)
    draft = f.ApplicationFactory(organization=organization, state="draft")
    of.OutcomeRecordFactory(application=home)
    of.OutcomeRecordFactory(application=away)
    # when
    own = selectors.company_ledger(
        organization=organization,
        scope=policies.company_ledger_scope(
            actor_for(f.CompanyMemberFactory(organization=organization)), organization
        ),
    )
    staff = selectors.company_ledger(
        organization=organization,
        scope=policies.company_ledger_scope(
            actor_for(f.RegionalStaffFactory(zone=organization.zone)), organization
        ),
    )
    # then
    assert {ledger.application for ledger in own} == {home, away}
    assert draft not in {ledger.application for ledger in own}
    assert [ledger.application for ledger in staff] == [home]
    assert staff[0].completed_on == datetime.date(2025, 1, 5)


@pytest.mark.parametrize("size", [1, 5])
def test_the_company_ledger_takes_a_fixed_number_of_queries(size):
    organization = f.OrganizationFactory()
    for _ in range(size):
        project = of.completed_application(organization=organization, on=datetime.date(2024, 5, 1))
        of.OutcomeRecordFactory(application=project)
        of.OutcomeRecordFactory(application=project, period="completion")
    with CaptureQueriesContext(connection) as queries:
        ledgers = selectors.company_ledger(organization=organization, scope=Q())
        [ledger.application.mini_cluster.hub.zone for ledger in ledgers]
    assert len(ledgers) == size
    assert len(queries) == 2


def test_follow_ups_due_are_the_unrecorded_years_up_to_today_plus_the_horizon():
    # given a project completed on 2024-06-30 with the +1 year fully recorded
    project = of.completed_application(on=datetime.date(2024, 6, 30))
    for metric in OutcomeMetric.values:
        of.OutcomeRecordFactory(application=project, metric=metric, period="plus_1")
    of.OutcomeRecordFactory(application=project, metric="sales", period="plus_2")
    # when
    today = datetime.date(2026, 6, 20)
    due_now = selectors.followups_due(today=today)
    soon = selectors.followups_due(today=today, horizon_days=30)
    # then: +1 is complete, +2 falls due on 2026-06-30, ten days ahead
    assert due_now == []
    [followup] = soon
    assert (followup.period, followup.due_on, followup.recorded) == (
        "plus_2",
        datetime.date(2026, 6, 30),
        1,
    )
    assert followup.days_overdue == -10
    assert followup.reminded_at is None


def test_follow_ups_due_respect_the_staff_zone_and_show_reminders():
    project = of.completed_application(on=datetime.date(2024, 1, 1))
    elsewhere = of.completed_application(on=datetime.date(2024, 1, 1))
    FollowUpReminder.objects.create(
        application=project, period="plus_1", due_on=datetime.date(2025, 1, 1)
    )
    staff = actor_for(f.RegionalStaffFactory(zone=project.mini_cluster.hub.zone))
    due = selectors.followups_due(
        today=datetime.date(2025, 2, 1), scope=policies.followups_scope(staff)
    )
    assert [(d.application, d.period) for d in due] == [(project, "plus_1")]
    assert due[0].reminded_at is not None
    assert due[0].days_overdue == 31
    assert elsewhere not in [d.application for d in due]


@pytest.mark.parametrize("size", [1, 6])
def test_follow_ups_due_take_a_fixed_number_of_queries(size):
    for _ in range(size):
        project = of.completed_application(on=datetime.date(2022, 1, 1))
        of.OutcomeRecordFactory(application=project, period="plus_1")
        FollowUpReminder.objects.create(
            application=project, period="plus_1", due_on=datetime.date(2023, 1, 1)
        )
    with CaptureQueriesContext(connection) as queries:
        due = selectors.followups_due(today=datetime.date(2026, 1, 1))
        [(d.application.organization.name, d.application.mini_cluster.hub.zone) for d in due]
    assert len(due) == 3 * size
    assert len(queries) == 3


def test_only_published_stories_are_listed_newest_first():
    older = of.published(of.SuccessStoryFactory())
    newer = of.published(of.SuccessStoryFactory())
    of.SuccessStoryFactory()  # a draft
    of.consented(of.SuccessStoryFactory())  # consented, not published
    newer.published_at = timezone.now() + datetime.timedelta(minutes=1)
    newer.save()
    assert list(selectors.story_list_published()) == [newer, older]
