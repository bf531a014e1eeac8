"""The pipeline's rules, through its services: from a difficulty to a decided project."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from clusterhub.accounts.actors import actor_for
from clusterhub.notifications.models import Notification
from clusterhub.pipeline import services
from clusterhub.pipeline.models import Application, DifficultyStatus, Transition
from clusterhub.pipeline.workflow import State
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    """The refusals are read in English here; their Korean is checked by tests/test_i18n.py."""
    with translation.override("en"):
        yield


@pytest.fixture
def mini_cluster():
    return f.MiniClusterFactory()


@pytest.fixture
def company(mini_cluster):
    return f.MembershipFactory(mini_cluster=mini_cluster).organization


@pytest.fixture
def coordinator(mini_cluster):
    return actor_for(f.CoordinatorFactory(mini_cluster=mini_cluster))


@pytest.fixture
def staff(mini_cluster):
    return actor_for(f.RegionalStaffFactory(zone=mini_cluster.hub.zone))


@pytest.fixture
def support_type():
    return f.SupportTypeFactory(
        first_year=2010,
        cap_per_project=Decimal(50),
        cofunding_ratio=Decimal(25),
        yearly_limit_per_company=1,
    )


def _application(company, mini_cluster, support_type, **kwargs):
    defaults = {
        "organization": company,
        "mini_cluster": mini_cluster,
        "support_type": support_type,
        "budget_total": 80,
        "requested_amount": 40,
    }
    return f.ApplicationFactory(**{**defaults, **kwargs})


def test_a_company_reports_a_difficulty_and_the_coordinator_is_notified(mini_cluster, company):
    # given
    coordinator_user = f.CoordinatorFactory(mini_cluster=mini_cluster)
    member = actor_for(f.CompanyMemberFactory(organization=company))
    # when
    difficulty = services.difficulty_report(
        actor=member,
        organization=company,
        mini_cluster=mini_cluster,
        category="marketing",
        description="No channel to export LED lamps",
    )
    # then
    assert difficulty.status == DifficultyStatus.OPEN
    assert Notification.objects.filter(user=coordinator_user, event="difficulty_reported").exists()


def test_a_company_cannot_report_for_another_company(mini_cluster, company):
    outsider = actor_for(f.CompanyMemberFactory())
    with pytest.raises(PermissionDenied):
        services.difficulty_report(
            actor=outsider,
            organization=company,
            mini_cluster=mini_cluster,
            category="rd",
            description="x",
        )


def test_several_difficulties_become_one_prefilled_draft(
    mini_cluster, company, coordinator, support_type
):
    # given two open difficulties of one company
    first = f.DifficultyFactory(
        mini_cluster=mini_cluster, organization=company, description="Optical coupling loss"
    )
    second = f.DifficultyFactory(
        mini_cluster=mini_cluster, organization=company, description="No test equipment"
    )
    # when
    application = services.difficulty_convert_to_application(
        actor=coordinator, difficulties=[first, second], support_type=support_type, year=2026
    )
    # then
    assert application.state == State.DRAFT
    assert application.reference == f"CH-2026-{application.pk:06d}"
    assert "Optical coupling loss" in application.plan
    assert "No test equipment" in application.plan
    assert set(application.difficulties.all()) == {first, second}
    assert application.participants.get().role == "lead"
    first.refresh_from_db()
    assert first.status == DifficultyStatus.CONVERTED


def test_converting_a_difficulty_of_another_company_together_is_refused(
    mini_cluster, company, coordinator, support_type
):
    mine = f.DifficultyFactory(mini_cluster=mini_cluster, organization=company)
    theirs = f.DifficultyFactory(mini_cluster=mini_cluster)
    with pytest.raises(ValidationError):
        services.difficulty_convert_to_application(
            actor=coordinator, difficulties=[mine, theirs], support_type=support_type, year=2026
        )
    assert not Application.objects.exists()


def test_a_support_type_of_2005_09_is_not_offered_in_2026(mini_cluster, company, coordinator):
    old = f.SupportTypeFactory(first_year=2005, last_year=2009)
    difficulty = f.DifficultyFactory(mini_cluster=mini_cluster, organization=company)
    with pytest.raises(ValidationError, match="not offered"):
        services.difficulty_convert_to_application(
            actor=coordinator, difficulties=[difficulty], support_type=old, year=2026
        )


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"requested_amount": 60, "budget_total": 100}, "cap of 50"),
        ({"requested_amount": 45, "budget_total": 50}, "must fund 25"),
    ],
)
def test_submission_is_refused_with_the_reason(
    mini_cluster, company, coordinator, support_type, change, reason
):
    application = _application(company, mini_cluster, support_type, **change)
    with pytest.raises(ValidationError) as error:
        services.application_transition(actor=coordinator, application=application, action="submit")
    assert reason in " ".join(error.value.messages)
    application.refresh_from_db()
    assert application.state == State.DRAFT
    assert not Transition.objects.exists()


def test_a_size_outside_the_rule_is_refused(mini_cluster, coordinator):
    big = f.MembershipFactory(mini_cluster=mini_cluster, organization__size="large").organization
    support_type = f.SupportTypeFactory(first_year=2010, eligible_sizes=["small_medium"])
    application = _application(big, mini_cluster, support_type)
    with pytest.raises(ValidationError, match="not open to a company of size"):
        services.application_transition(actor=coordinator, application=application, action="submit")


def test_membership_is_required_when_the_rule_says_so(mini_cluster, coordinator, support_type):
    outsider = f.OrganizationFactory(complex=mini_cluster.hub)
    application = _application(outsider, mini_cluster, support_type)
    with pytest.raises(ValidationError, match="requires membership"):
        services.application_transition(actor=coordinator, application=application, action="submit")


def test_beyond_the_yearly_limit_is_refused_or_flagged_as_the_rule_says(
    mini_cluster, company, coordinator, support_type
):
    # given one submitted application this year (limit 1, refuse)
    first = _application(company, mini_cluster, support_type)
    services.application_transition(actor=coordinator, application=first, action="submit")
    second = _application(company, mini_cluster, support_type)
    # then a second is refused
    with pytest.raises(ValidationError, match="the limit is 1"):
        services.application_transition(actor=coordinator, application=second, action="submit")
    # and when the rule says "flag", it goes through with a flag for staff
    support_type.over_limit_action = "flag"
    support_type.save()
    services.application_transition(actor=coordinator, application=second, action="submit")
    second.refresh_from_db()
    assert second.state == State.SUBMITTED
    assert "the limit is 1" in second.flag


def test_the_same_difficulty_cannot_be_supported_twice(
    mini_cluster, company, coordinator, support_type
):
    support_type.yearly_limit_per_company = None
    support_type.save()
    difficulty = f.DifficultyFactory(mini_cluster=mini_cluster, organization=company)
    first = _application(company, mini_cluster, support_type)
    first.difficulties.add(difficulty)
    services.application_transition(actor=coordinator, application=first, action="submit")
    second = _application(company, mini_cluster, support_type)
    second.difficulties.add(difficulty)
    with pytest.raises(ValidationError, match="already supported by"):
        services.application_transition(actor=coordinator, application=second, action="submit")


def test_the_whole_path_is_recorded_as_a_timeline(
    mini_cluster, company, coordinator, staff, support_type, django_capture_on_commit_callbacks
):
    # given
    member_user = f.CompanyMemberFactory(organization=company)
    application = _application(company, mini_cluster, support_type)
    # when it goes all the way
    steps = [
        (coordinator, "submit", ""),
        (staff, "pass_screening", ""),
        (staff, "select_conditionally", "Add a test plan"),
        (staff, "sign_agreement", ""),
        (staff, "start_execution", ""),
        (staff, "complete", ""),
        (staff, "start_follow_up", ""),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for actor, action, note in steps:
            services.application_transition(
                actor=actor, application=application, action=action, note=note
            )
    # then every step is a transition with actor, states and note
    timeline = list(application.transitions.values_list("action", "from_state", "to_state"))
    assert [t[0] for t in timeline] == [s[1] for s in steps]
    assert timeline[2] == ("select_conditionally", "committee_review", "conditionally_selected")
    assert application.transitions.get(action="select_conditionally").note == "Add a test plan"
    assert application.state == State.FOLLOW_UP
    # and the company was told of the decision, in-app and by e-mail
    assert Notification.objects.filter(
        user=member_user, event="application_select_conditionally"
    ).exists()
    assert any(member_user.email in m.to for m in mail.outbox)


def test_illegal_transitions_are_refused(mini_cluster, company, staff, support_type):
    application = _application(company, mini_cluster, support_type)
    with pytest.raises(ValidationError, match="not possible"):
        services.application_transition(actor=staff, application=application, action="select")
    with pytest.raises(ValidationError, match="Unknown action"):
        services.application_transition(actor=staff, application=application, action="teleport")


def test_decisions_belong_to_staff_and_need_a_reason_when_negative(
    mini_cluster, company, coordinator, staff, support_type
):
    application = _application(company, mini_cluster, support_type, state="committee_review")
    with pytest.raises(PermissionDenied):
        services.application_transition(actor=coordinator, application=application, action="select")
    with pytest.raises(ValidationError):
        services.application_transition(actor=staff, application=application, action="reject")


def test_continuing_opens_next_years_draft_with_the_consortium(
    mini_cluster, company, staff, support_type
):
    application = _application(company, mini_cluster, support_type, state="execution")
    application.participants.create(organization=company, role="lead")
    services.application_transition(
        actor=staff, application=application, action="continue_next_year"
    )
    follow_on = application.continuations.get()
    assert follow_on.year == application.year + 1
    assert follow_on.state == State.DRAFT
    assert follow_on.participants.get().organization == company


def test_completion_waits_for_every_milestone(mini_cluster, company, staff, support_type):
    application = _application(company, mini_cluster, support_type, state="execution")
    milestone = services.milestone_add(
        actor=staff, application=application, title="Prototype", due_on=datetime.date(2026, 6, 1)
    )
    with pytest.raises(ValidationError, match="milestone"):
        services.application_transition(actor=staff, application=application, action="complete")
    services.milestone_mark_done(
        actor=staff, milestone=milestone, done_on=datetime.date(2026, 6, 2)
    )
    services.application_transition(actor=staff, application=application, action="complete")
    assert application.state == State.COMPLETED


def test_payments_never_exceed_the_support_granted(mini_cluster, company, staff, support_type):
    application = _application(
        company, mini_cluster, support_type, state="execution", requested_amount=40
    )
    services.disbursement_record(
        actor=staff, application=application, amount=Decimal(30), paid_on=datetime.date(2026, 3, 1)
    )
    with pytest.raises(ValidationError, match="exceed"):
        services.disbursement_record(
            actor=staff,
            application=application,
            amount=Decimal(11),
            paid_on=datetime.date(2026, 4, 1),
        )


def test_two_people_saving_the_same_draft(mini_cluster, company, coordinator, support_type):
    # given two people who opened version 1
    application = _application(company, mini_cluster, support_type)
    member = actor_for(f.CompanyMemberFactory(organization=company))
    # when the first saves
    services.application_update(
        actor=coordinator, application=application, version=1, title="First title"
    )
    # then the second is told, and the first's change is kept
    stale = Application.objects.get(pk=application.pk)
    with pytest.raises(services.ApplicationChangedError):
        services.application_update(
            actor=member, application=stale, version=1, title="Second title"
        )
    stale.refresh_from_db()
    assert stale.title == "First title"
    assert stale.version == 2


def test_only_drafts_are_editable(mini_cluster, company, coordinator, support_type):
    application = _application(company, mini_cluster, support_type, state="submitted")
    with pytest.raises(PermissionDenied):
        services.application_update(
            actor=coordinator, application=application, version=1, title="x"
        )
