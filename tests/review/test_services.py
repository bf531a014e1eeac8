"""The write path of committees: permissions, rules, history, notifications, lost updates."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from clusterhub.accounts.actors import actor_for
from clusterhub.accounts.models import Role
from clusterhub.notifications.models import Notification
from clusterhub.review import services
from clusterhub.review.models import (
    Assignment,
    CommitteeRound,
    Review,
    RoundApplication,
    RoundState,
    Rubric,
)
from clusterhub.review.services import CriterionInput, ReviewChangedError
from tests import factories as f
from tests.review import factories as rf

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return actor_for(f.ProgramOfficeFactory())


# ---------------------------------------------------------------- rubrics and rounds


def test_a_rubric_whose_weights_do_not_add_up_to_100_is_refused_by_name(office):
    # given criteria weighing 40 + 50
    criteria = [
        CriterionInput(name_ko="계획", name_en="Plan", weight=40, max_score=10),
        CriterionInput(name_ko="효과", name_en="Impact", weight=50, max_score=10),
    ]
    # when
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.rubric_create(
            actor=office, name_ko="기술개발 평가표", name_en="R&D rubric", criteria=criteria
        )
    # then
    assert error.value.code == "rubric_weights"
    assert "R&D rubric" in error.value.messages[0]
    assert "90" in error.value.messages[0]
    assert not Rubric.objects.exists()


def test_a_rubric_whose_weights_add_up_to_100_is_created_with_history(office):
    criteria = [
        CriterionInput(name_ko="계획", name_en="Plan", weight=40, max_score=10),
        CriterionInput(name_ko="효과", name_en="Impact", weight=60, max_score=20),
    ]
    rubric = services.rubric_create(actor=office, name_ko="평가표", name_en="R", criteria=criteria)
    assert [c.weight for c in rubric.criteria.all()] == [40, 60]
    assert rubric.history.get().history_change_reason == "rubric_create"


def test_only_the_program_office_makes_rubrics():
    staff = actor_for(f.RegionalStaffFactory())
    with pytest.raises(PermissionDenied):
        services.rubric_create(actor=staff, name_ko="x", name_en="x", criteria=[])


def test_regional_staff_open_a_round_and_history_names_them():
    # given
    staff = actor_for(f.RegionalStaffFactory())
    rubric = rf.RubricFactory()
    # when
    committee_round = services.round_create(
        actor=staff, name="2026 1차", year=2026, rubric=rubric, quorum=2
    )
    # then
    assert committee_round.created_by == staff.user
    history = committee_round.history.get()
    assert history.history_change_reason == "round_create"
    assert history.history_user == staff.user


def test_a_round_cannot_use_an_unbalanced_rubric(office):
    rubric = rf.RubricFactory(criteria=[(30, 10), (30, 10)])
    with pytest.raises(ValidationError) as error:
        services.round_create(actor=office, name="x", year=2026, rubric=rubric)
    assert "rubric" in error.value.message_dict
    assert not CommitteeRound.objects.exists()


def test_a_company_member_may_not_open_a_round():
    member = actor_for(f.CompanyMemberFactory())
    with pytest.raises(PermissionDenied):
        services.round_create(actor=member, name="x", year=2026, rubric=rf.RubricFactory())


def test_only_applications_in_committee_review_enter_a_round(office):
    # given a draft and an application in committee review
    committee_round = rf.RoundFactory()
    draft = f.ApplicationFactory(state="draft", year=2026)
    ready = rf.CommitteeApplicationFactory(year=2026)
    # when
    with pytest.raises(ValidationError) as error:
        services.round_add_applications(
            actor=office, round=committee_round, applications=[draft, ready]
        )
    # then nothing entered, and the refusal names the draft
    assert draft.reference in " ".join(error.value.message_dict["applications"])
    assert not RoundApplication.objects.exists()
    # and the ready one alone enters, with history
    (entry,) = services.round_add_applications(
        actor=office, round=committee_round, applications=[ready]
    )
    assert entry.history.get().history_change_reason == "round_add_applications"


def test_an_application_sits_before_one_open_round_at_a_time(office):
    application = rf.CommitteeApplicationFactory(year=2026)
    services.round_add_applications(
        actor=office, round=rf.RoundFactory(), applications=[application]
    )
    with pytest.raises(ValidationError):
        services.round_add_applications(
            actor=office, round=rf.RoundFactory(), applications=[application]
        )


def test_regional_staff_add_only_applications_of_their_zone():
    # given a round the staff created, and an application of another zone
    staff = actor_for(f.RegionalStaffFactory())
    committee_round = rf.RoundFactory(created_by=staff.user)
    elsewhere = rf.CommitteeApplicationFactory(year=2026)
    # when / then
    with pytest.raises(PermissionDenied):
        services.round_add_applications(
            actor=staff, round=committee_round, applications=[elsewhere]
        )


def test_seating_an_expert_grants_their_user_the_committee_role(office):
    # given an expert who can sign in but holds no committee role
    user = f.ExpertFactory()
    committee_round = rf.RoundFactory()
    # when
    member = services.round_add_member(
        actor=office, round=committee_round, expert=user.person.expert_profile
    )
    # then
    assert member.user == user
    assert user.role_grants.filter(role=Role.COMMITTEE_MEMBER).exists()
    assert member.history.get().history_change_reason == "round_add_member"
    with pytest.raises(ValidationError):
        services.round_add_member(
            actor=office, round=committee_round, expert=user.person.expert_profile
        )


# ---------------------------------------------------------------- assignment


def test_assignment_notifies_each_assigned_reviewer_once_in_app_and_by_email(
    office, django_capture_on_commit_callbacks
):
    # given two reviewers and two applications
    committee_round = rf.RoundFactory()
    first, second = rf.ReviewerFactory(), rf.ReviewerFactory()
    rf.seat(committee_round, first)
    rf.seat(committee_round, second)
    rf.enter(committee_round)
    rf.enter(committee_round)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        created = services.round_assign(actor=office, round=committee_round)
    # then
    assert len(created) == 4
    notifications = Notification.objects.filter(event="review_assigned")
    assert sorted(n.user_id for n in notifications) == sorted([first.pk, second.pk])
    assert all("You have 2 application(s) to review" in n.message_en for n in notifications)
    assert sorted(message.to[0] for message in mail.outbox) == sorted([first.email, second.email])
    assert Assignment.history.filter(history_change_reason="round_assign").count() == 4


def test_assigning_again_adds_nothing_and_notifies_no_one(office):
    committee_round = rf.RoundFactory()
    rf.seat(committee_round, rf.ReviewerFactory())
    rf.enter(committee_round)
    services.round_assign(actor=office, round=committee_round)
    # when
    created = services.round_assign(actor=office, round=committee_round)
    # then
    assert created == []
    assert Assignment.objects.count() == 1
    assert Notification.objects.count() == 1


def test_assignment_of_a_subset_of_applications(office):
    committee_round = rf.RoundFactory()
    rf.seat(committee_round, rf.ReviewerFactory())
    chosen = rf.enter(committee_round)
    rf.enter(committee_round)
    services.round_assign(actor=office, round=committee_round, applications=[chosen])
    assert list(Assignment.objects.values_list("application_id", flat=True)) == [chosen.pk]


def test_a_closed_round_takes_no_assignments(office):
    committee_round = rf.RoundFactory(state=RoundState.CLOSED)
    with pytest.raises(ValidationError):
        services.round_assign(actor=office, round=committee_round)


# ---------------------------------------------------------------- reviews


@pytest.fixture
def assignment():
    """An assignment of a signed-in reviewer, on the default rubric (40/10, 60/20)."""
    committee_round = rf.RoundFactory()
    reviewer = rf.ReviewerFactory()
    application = rf.enter(committee_round)
    return rf.AssignmentFactory(
        round=committee_round, application=application, member=rf.seat(committee_round, reviewer)
    )


def _scores(assignment, *values):
    return dict(
        zip(assignment.round.rubric.criteria.values_list("pk", flat=True), values, strict=True)
    )


def _reviewer(assignment):
    return actor_for(assignment.member.expert.person.user)


def test_the_second_of_two_saves_from_the_same_version_fails_and_the_first_is_kept(assignment):
    # given two tabs opened the empty review (version 0)
    reviewer = _reviewer(assignment)
    services.review_save(
        actor=reviewer,
        assignment=assignment,
        scores=_scores(assignment, 8, 15),
        comment="first",
        version=0,
    )
    # when the second tab saves from the same version
    with translation.override("en"), pytest.raises(ReviewChangedError) as error:
        services.review_save(
            actor=reviewer,
            assignment=assignment,
            scores=_scores(assignment, 1, 1),
            comment="second",
            version=0,
        )
    # then it is told the review changed, and the first save stands
    assert "changed since you opened it" in error.value.messages[0]
    assert error.value.current_version == 1
    review = Review.objects.get()
    assert review.comment == "first"
    assert review.version == 1
    assert sorted(review.scores.values_list("score", flat=True)) == [8, 15]


def test_saving_from_the_current_version_bumps_it_and_records_history(assignment):
    reviewer = _reviewer(assignment)
    review = services.review_save(
        actor=reviewer,
        assignment=assignment,
        scores=_scores(assignment, 8, None),
        comment="",
        version=0,
    )
    review = services.review_save(
        actor=reviewer,
        assignment=assignment,
        scores=_scores(assignment, 9, 12),
        comment="better",
        version=review.version,
    )
    assert review.version == 2
    assert review.history.first().history_change_reason == "review_save"
    assert sorted(review.scores.values_list("score", flat=True)) == [9, 12]


def test_a_score_above_the_maximum_is_refused_next_to_its_criterion(assignment):
    criterion = assignment.round.rubric.criteria.first()
    with pytest.raises(ValidationError) as error:
        services.review_save(
            actor=_reviewer(assignment),
            assignment=assignment,
            scores=_scores(assignment, 11, 5),
            comment="",
            version=0,
        )
    assert f"score_{criterion.pk}" in error.value.message_dict
    assert not Review.objects.exists()


def test_submitting_needs_every_criterion_and_then_freezes_the_review(assignment):
    reviewer = _reviewer(assignment)
    with pytest.raises(ValidationError):
        services.review_submit(
            actor=reviewer,
            assignment=assignment,
            scores=_scores(assignment, 8, None),
            comment="",
            version=0,
        )
    review = services.review_submit(
        actor=reviewer,
        assignment=assignment,
        scores=_scores(assignment, 8, 15),
        comment="",
        version=0,
    )
    assert review.is_submitted
    assert review.history.first().history_change_reason == "review_submit"
    with pytest.raises(ValidationError) as error:
        services.review_save(
            actor=reviewer,
            assignment=assignment,
            scores=_scores(assignment, 1, 1),
            comment="",
            version=review.version,
        )
    assert error.value.code == "submitted"


def test_only_the_assigned_member_may_write_the_review(assignment):
    other = actor_for(rf.ReviewerFactory())
    with pytest.raises(PermissionDenied):
        services.review_save(actor=other, assignment=assignment, scores={}, comment="", version=0)


# ---------------------------------------------------------------- closing


def test_a_round_closes_only_when_every_application_reached_the_quorum(office, assignment):
    # given the only application has no submitted review (quorum 1)
    committee_round = assignment.round
    with pytest.raises(ValidationError) as error:
        services.round_close(actor=office, round=committee_round)
    assert error.value.code == "quorum_not_met"
    assert assignment.application.reference in error.value.messages[0]
    # when the reviewer submits
    services.review_submit(
        actor=_reviewer(assignment),
        assignment=assignment,
        scores=_scores(assignment, 8, 15),
        comment="",
        version=0,
    )
    services.round_close(actor=office, round=committee_round)
    # then
    committee_round.refresh_from_db()
    assert committee_round.state == RoundState.CLOSED
    assert committee_round.history.first().history_change_reason == "round_close"
    with pytest.raises(ValidationError):
        services.review_save(
            actor=_reviewer(assignment), assignment=assignment, scores={}, comment="", version=1
        )
