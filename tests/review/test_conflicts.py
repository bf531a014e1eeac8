"""Conflicts of interest found from the data: one test per reason, and what they cause."""

import datetime

import pytest

from clusterhub.accounts.actors import actor_for
from clusterhub.review import services
from clusterhub.review.conflicts import committee_detect_conflicts, years_before
from clusterhub.review.models import Assignment, Conflict, ConflictReason, Review
from tests import factories as f
from tests.review import factories as rf

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def committee():
    """A round with one application of an applicant company and one seated expert."""
    committee_round = rf.RoundFactory(year=2026)
    application = rf.enter(committee_round)
    member = rf.SeatFactory(round=committee_round)
    return committee_round, application, member


def _reasons(committee_round):
    return [
        (conflict.member_id, conflict.application_id, conflict.reason)
        for conflict in Conflict.objects.filter(round=committee_round)
    ]


def test_a_member_without_ties_to_the_applicant_has_no_conflict(committee):
    # given a member working at an unrelated company that shares nothing with the applicant
    committee_round, _application, member = committee
    rf.AffiliationFactory(person=member.expert.person)
    # when
    found = committee_detect_conflicts(round=committee_round, today=TODAY)
    # then
    assert found == []
    assert not Conflict.objects.exists()


def test_working_at_the_applicant_is_a_same_organization_conflict(committee):
    # given the member currently works at the applicant company
    committee_round, application, member = committee
    rf.AffiliationFactory(person=member.expert.person, organization=application.organization)
    # when
    committee_detect_conflicts(round=committee_round, today=TODAY)
    # then
    conflict = Conflict.objects.get()
    assert conflict.reason == ConflictReason.SAME_ORGANIZATION
    assert conflict.recused
    assert application.organization.name_en in conflict.detail_en
    assert member.expert.person.name_en in conflict.detail_en
    assert application.organization.name_ko in conflict.detail_ko


def test_an_affiliation_ended_within_three_years_is_an_affiliation_conflict(committee):
    # given the member left the applicant company a year and a half ago
    committee_round, application, member = committee
    rf.AffiliationFactory(
        person=member.expert.person,
        organization=application.organization,
        ended_on=datetime.date(2024, 12, 31),
    )
    # when
    committee_detect_conflicts(round=committee_round, today=TODAY)
    # then
    conflict = Conflict.objects.get()
    assert conflict.reason == ConflictReason.AFFILIATION
    assert "2024-12-31" in conflict.detail_en


def test_an_affiliation_ended_more_than_three_years_ago_is_no_conflict(committee):
    # given the member left the applicant one day before the three-year horizon
    committee_round, application, member = committee
    rf.AffiliationFactory(
        person=member.expert.person,
        organization=application.organization,
        ended_on=years_before(TODAY, 3) - datetime.timedelta(days=1),
    )
    # when / then
    assert committee_detect_conflicts(round=committee_round, today=TODAY) == []


def test_working_at_a_consortium_participant_is_a_co_applicant_conflict(committee):
    # given the member works at a university that takes part in the application
    committee_round, application, member = committee
    university = f.OrganizationFactory(kind="university")
    rf.AffiliationFactory(person=member.expert.person, organization=university)
    rf.ParticipantFactory(application=application, organization=university, role="university")
    # when
    committee_detect_conflicts(round=committee_round, today=TODAY)
    # then
    conflict = Conflict.objects.get()
    assert conflict.reason == ConflictReason.CO_APPLICANT
    assert university.name_en in conflict.detail_en


def test_sharing_an_open_sig_with_the_applicant_is_a_same_sig_conflict(committee):
    # given the member's company and the applicant are both open members of one SIG
    committee_round, application, member = committee
    employer = f.OrganizationFactory()
    rf.AffiliationFactory(person=member.expert.person, organization=employer)
    sig = f.SIGFactory()
    rf.SIGMembershipFactory(sig=sig, organization=employer)
    rf.SIGMembershipFactory(sig=sig, organization=application.organization)
    # when
    committee_detect_conflicts(round=committee_round, today=TODAY)
    # then
    conflict = Conflict.objects.get()
    assert conflict.reason == ConflictReason.SAME_SIG
    assert sig.name_en in conflict.detail_en


def test_a_sig_membership_that_ended_is_no_conflict(committee):
    # given the member's company left the SIG the applicant is in
    committee_round, application, member = committee
    employer = f.OrganizationFactory()
    rf.AffiliationFactory(person=member.expert.person, organization=employer)
    sig = f.SIGFactory()
    rf.SIGMembershipFactory(sig=sig, organization=employer, left_on=datetime.date(2025, 1, 1))
    rf.SIGMembershipFactory(sig=sig, organization=application.organization)
    # when / then
    assert committee_detect_conflicts(round=committee_round, today=TODAY) == []


def test_reviewing_an_earlier_application_of_the_company_is_a_prior_engagement(committee):
    # given the same expert was assigned, in an earlier round, to the company's 2024 application
    committee_round, application, member = committee
    earlier_round = rf.RoundFactory(year=2024)
    earlier = rf.enter(earlier_round, organization=application.organization)
    earlier_seat = rf.SeatFactory(round=earlier_round, expert=member.expert)
    rf.AssignmentFactory(round=earlier_round, application=earlier, member=earlier_seat)
    # when
    committee_detect_conflicts(round=committee_round, today=TODAY)
    # then
    conflict = Conflict.objects.get(round=committee_round)
    assert conflict.reason == ConflictReason.PRIOR_ENGAGEMENT
    assert earlier.reference in conflict.detail_en


def test_working_at_a_participant_of_an_earlier_application_is_a_prior_engagement(committee):
    # given the member works at a company that took part in the applicant's 2025 application
    committee_round, application, member = committee
    partner = f.OrganizationFactory()
    rf.AffiliationFactory(person=member.expert.person, organization=partner)
    earlier = f.ApplicationFactory(organization=application.organization, year=2025)
    rf.ParticipantFactory(application=earlier, organization=partner)
    # when
    committee_detect_conflicts(round=committee_round, today=TODAY)
    # then
    conflict = Conflict.objects.get()
    assert conflict.reason == ConflictReason.PRIOR_ENGAGEMENT
    assert partner.name_en in conflict.detail_en
    assert earlier.reference in conflict.detail_en


def test_an_engagement_more_than_three_years_before_is_no_conflict(committee):
    # given the member's company took part in the applicant's 2022 application
    committee_round, application, member = committee
    partner = f.OrganizationFactory()
    rf.AffiliationFactory(person=member.expert.person, organization=partner)
    earlier = f.ApplicationFactory(organization=application.organization, year=2022)
    rf.ParticipantFactory(application=earlier, organization=partner)
    # when / then
    assert committee_detect_conflicts(round=committee_round, today=TODAY) == []


def test_two_applications_of_one_company_in_the_same_round_are_no_prior_engagement(committee):
    # given the member is assigned to one of two applications of the same company
    committee_round, application, member = committee
    sibling = rf.enter(committee_round, organization=application.organization)
    rf.AssignmentFactory(round=committee_round, application=sibling, member=member)
    # when / then
    assert committee_detect_conflicts(round=committee_round, today=TODAY) == []


def test_detection_is_idempotent(committee):
    # given a conflict already detected
    committee_round, application, member = committee
    rf.AffiliationFactory(person=member.expert.person, organization=application.organization)
    first = committee_detect_conflicts(round=committee_round, today=TODAY)
    history_rows = Conflict.history.count()
    # when
    second = committee_detect_conflicts(round=committee_round, today=TODAY)
    # then
    assert [c.pk for c in second] == [c.pk for c in first]
    assert Conflict.objects.count() == 1
    assert Conflict.history.count() == history_rows


def test_a_conflict_found_later_recuses_the_member_and_removes_their_review(committee):
    # given the member was assigned and wrote a draft, before joining the applicant
    committee_round, application, member = committee
    assignment = rf.AssignmentFactory(round=committee_round, application=application, member=member)
    rf.submitted_review(assignment, [5, 10], submitted=False)
    rf.AffiliationFactory(person=member.expert.person, organization=application.organization)
    office = actor_for(f.ProgramOfficeFactory())
    # when
    services.round_detect_conflicts(actor=office, round=committee_round)
    # then
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    assert not Review.objects.exists()
    deleted = Assignment.history.filter(id=assignment.pk, history_type="-").get()
    assert deleted.history_change_reason == "conflict_recusal"
    assert deleted.history_user == office.user


def test_assignment_skips_recused_members_and_assigns_the_others(committee):
    # given two members, one of whom works at the applicant
    committee_round, application, conflicted = committee
    free = rf.SeatFactory(round=committee_round)
    rf.AffiliationFactory(person=conflicted.expert.person, organization=application.organization)
    office = actor_for(f.ProgramOfficeFactory())
    # when
    services.round_assign(actor=office, round=committee_round)
    # then
    assigned = set(Assignment.objects.values_list("member_id", flat=True))
    assert assigned == {free.pk}
    assert _reasons(committee_round) == [
        (conflicted.pk, application.pk, ConflictReason.SAME_ORGANIZATION)
    ]
