"""Who runs rounds, and a committee member seeing only assigned, conflict-free applications."""

import pytest
from django.contrib.auth.models import AnonymousUser

from clusterhub.accounts.actors import actor_for
from clusterhub.pipeline.policies import application_can_view
from clusterhub.review.models import Conflict, ConflictReason
from clusterhub.review.policies import (
    assignment_can_review,
    reviewer_application_ids,
    round_can_manage,
)
from tests import factories as f
from tests.review import factories as rf

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewing():
    """A reviewer assigned to one application of a round, with a second one unassigned."""
    committee_round = rf.RoundFactory()
    reviewer = rf.ReviewerFactory()
    member = rf.seat(committee_round, reviewer)
    assigned = rf.enter(committee_round)
    unassigned = rf.enter(committee_round)
    assignment = rf.AssignmentFactory(round=committee_round, application=assigned, member=member)
    return actor_for(reviewer), assignment, unassigned


def test_a_reviewer_sees_only_the_applications_assigned_to_them(reviewing):
    # given
    reviewer, assignment, unassigned = reviewing
    # when / then
    assert reviewer_application_ids(reviewer) == {assignment.application_id}
    assert application_can_view(reviewer, assignment.application)
    assert not application_can_view(reviewer, unassigned)
    assert assignment_can_review(reviewer, assignment)


def test_a_recusing_conflict_hides_an_application_even_if_an_assignment_remains(reviewing):
    # given a conflict recorded against the assignment (say, before it was cleaned up)
    reviewer, assignment, _ = reviewing
    Conflict.objects.create(
        round=assignment.round,
        member=assignment.member,
        application=assignment.application,
        reason=ConflictReason.SAME_ORGANIZATION,
    )
    # when / then
    assert reviewer_application_ids(reviewer) == set()
    assert not application_can_view(reviewer, assignment.application)
    assert not assignment_can_review(reviewer, assignment)


def test_another_committee_member_sees_none_of_them(reviewing):
    _, assignment, _ = reviewing
    other = actor_for(rf.ReviewerFactory())
    assert reviewer_application_ids(other) == set()
    assert not application_can_view(other, assignment.application)
    assert not assignment_can_review(other, assignment)


@pytest.mark.usefixtures("reviewing")
def test_a_committee_member_without_a_person_and_a_visitor_see_nothing():
    assert reviewer_application_ids(actor_for(f.CommitteeMemberFactory())) == set()
    assert reviewer_application_ids(actor_for(AnonymousUser())) == set()


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("program_office", True),
        ("regional_staff_of_the_zone", True),
        ("regional_staff_who_created_it", True),
        ("regional_staff_elsewhere", False),
        ("coordinator", False),
        ("company_member", False),
        ("reviewer", False),
    ],
)
def test_who_manages_a_round(who, allowed):
    # given a round holding one application of a zone
    committee_round = rf.RoundFactory()
    application = rf.enter(committee_round)
    zone = application.mini_cluster.hub.zone
    creator = f.RegionalStaffFactory()
    committee_round.created_by = creator
    committee_round.save()
    user = {
        "program_office": lambda: f.ProgramOfficeFactory(),
        "regional_staff_of_the_zone": lambda: f.RegionalStaffFactory(zone=zone),
        "regional_staff_who_created_it": lambda: creator,
        "regional_staff_elsewhere": lambda: f.RegionalStaffFactory(),
        "coordinator": lambda: f.CoordinatorFactory(mini_cluster=application.mini_cluster),
        "company_member": lambda: f.CompanyMemberFactory(organization=application.organization),
        "reviewer": lambda: rf.ReviewerFactory(),
    }[who]()
    # when / then
    assert round_can_manage(actor_for(user), committee_round) is allowed
