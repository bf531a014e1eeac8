"""Survey writes: opening a survey to the right people, and closing it."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from clusterhub.notifications.models import Notification
from clusterhub.pipeline.models import Participant
from clusterhub.surveys import services
from clusterhub.surveys.models import (
    Audience,
    Invitation,
    SurveyStatus,
)
from tests import factories as f
from tests.review import factories as rf
from tests.surveys import factories as sf
from tests.surveys.services_support import NOW, _invited, _survey

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- opening: who is invited


def test_opening_invites_the_people_of_companies_after_a_completed_project(office, mini_cluster):
    # given projects of the zone: completed, continued and in follow-up in 2026 …
    company = f.OrganizationFactory(complex=mini_cluster.hub)
    applicant = sf.affiliated_person(company)
    completed = f.ApplicationFactory(
        mini_cluster=mini_cluster, state="completed", year=2026, organization=company
    )
    university = f.OrganizationFactory(kind="university", complex=mini_cluster.hub)
    Participant.objects.create(application=completed, organization=university, role="university")
    partner = sf.affiliated_person(university)
    continued = sf.affiliated_person(
        f.ApplicationFactory(mini_cluster=mini_cluster, state="continued", year=2026).organization
    )
    follow_up = sf.affiliated_person(
        f.ApplicationFactory(mini_cluster=mini_cluster, state="follow_up", year=2026).organization
    )
    # … and ones that do not count: still in execution, another year, another zone, a person
    # who left the company
    in_execution = sf.affiliated_person(
        f.ApplicationFactory(mini_cluster=mini_cluster, state="execution", year=2026).organization
    )
    last_year = sf.affiliated_person(
        f.ApplicationFactory(mini_cluster=mini_cluster, state="completed", year=2025).organization
    )
    elsewhere = sf.affiliated_person(
        f.ApplicationFactory(state="completed", year=2026).organization
    )
    left = sf.affiliated_person(completed.organization, ended_on=datetime.date(2025, 12, 31))
    survey = _survey(mini_cluster.hub.zone, audience_members=False, audience_companies=True)
    # when
    opened = services.survey_open(actor=office, survey=survey, now=NOW)
    # then
    invited = _invited(survey)
    assert invited == {
        applicant.pk: Audience.COMPANIES,
        partner.pk: Audience.COMPANIES,
        continued.pk: Audience.COMPANIES,
        follow_up.pk: Audience.COMPANIES,
    }
    assert not {in_execution.pk, last_year.pk, elsewhere.pk, left.pk} & invited.keys()
    assert opened.invited == 4
    survey.refresh_from_db()
    assert (survey.status, survey.opens_on) == (SurveyStatus.OPEN, datetime.date(2026, 10, 5))
    assert survey.history.first().history_change_reason == "survey_open"


def test_opening_invites_the_people_of_current_members_of_the_targets_mini_clusters(
    office, mini_cluster
):
    # given a current member, a member that left, and a member of another hub's mini cluster
    member = sf.affiliated_person(f.MembershipFactory(mini_cluster=mini_cluster).organization)
    gone = f.MembershipFactory(mini_cluster=mini_cluster, left_on=datetime.date(2025, 6, 30))
    former = sf.affiliated_person(gone.organization)
    other_hub = f.MiniClusterFactory(hub=f.ComplexFactory(zone=mini_cluster.hub.zone))
    neighbour = sf.affiliated_person(f.MembershipFactory(mini_cluster=other_hub).organization)
    # when the mini cluster is surveyed, and its hub complex
    by_mini_cluster = _survey(mini_cluster)
    by_hub = _survey(mini_cluster.hub)
    by_zone = _survey(mini_cluster.hub.zone)
    for survey in (by_mini_cluster, by_hub, by_zone):
        services.survey_open(actor=office, survey=survey, now=NOW)
    # then
    assert _invited(by_mini_cluster) == {member.pk: Audience.MEMBERS}
    assert _invited(by_hub) == {member.pk: Audience.MEMBERS}
    assert _invited(by_zone) == {member.pk: Audience.MEMBERS, neighbour.pk: Audience.MEMBERS}
    assert former.pk not in _invited(by_zone)


def test_opening_invites_experts_who_reviewed_the_targets_projects_or_work_there(
    office, mini_cluster
):
    # given an expert who reviewed a project of the zone in 2026, one who works in the zone,
    # one who reviewed in another year, one who has no link with the zone
    committee_round = rf.RoundFactory(year=2026)
    reviewer = rf.SeatFactory(round=committee_round)
    assignment = rf.AssignmentFactory(
        round=committee_round,
        member=reviewer,
        application=rf.CommitteeApplicationFactory(mini_cluster=mini_cluster, year=2026),
    )
    rf.submitted_review(assignment, [8, 15])
    local = f.ExpertProfileFactory()
    rf.AffiliationFactory(
        person=local.person,
        organization=f.OrganizationFactory(kind="university", complex=mini_cluster.hub),
    )
    old_round = rf.RoundFactory(year=2025)
    old_reviewer = rf.SeatFactory(round=old_round)
    rf.submitted_review(
        rf.AssignmentFactory(
            round=old_round,
            member=old_reviewer,
            application=rf.CommitteeApplicationFactory(mini_cluster=mini_cluster, year=2025),
        ),
        [5, 10],
    )
    unrelated = f.ExpertProfileFactory()
    survey = _survey(mini_cluster.hub.zone, audience_members=False, audience_experts=True)
    program = _survey(None, audience_members=False, audience_experts=True)
    # when
    services.survey_open(actor=office, survey=survey, now=NOW)
    services.survey_open(actor=office, survey=program, now=NOW)
    # then
    assert _invited(survey) == {
        reviewer.expert.person_id: Audience.EXPERTS,
        local.person_id: Audience.EXPERTS,
    }
    # the whole program asks the whole pool
    assert set(_invited(program)) == {
        reviewer.expert.person_id,
        local.person_id,
        old_reviewer.expert.person_id,
        unrelated.person_id,
    }


def test_a_person_in_several_audiences_is_invited_once_under_the_first(office, mini_cluster):
    # given a member company that completed a project, whose person is also an expert
    membership = f.MembershipFactory(mini_cluster=mini_cluster)
    f.ApplicationFactory(
        mini_cluster=mini_cluster,
        organization=membership.organization,
        state="completed",
        year=2026,
    )
    person = sf.affiliated_person(membership.organization)
    f.ExpertProfileFactory(person=person)
    survey = _survey(
        mini_cluster, audience_companies=True, audience_members=True, audience_experts=True
    )
    # when
    services.survey_open(actor=office, survey=survey, now=NOW)
    # then
    assert _invited(survey) == {person.pk: Audience.COMPANIES}


def test_invitees_with_an_account_are_notified_others_emailed_with_their_personal_link(
    office, mini_cluster, django_capture_on_commit_callbacks
):
    # given three members: one with an account, one with only an e-mail, one with neither
    with_account = sf.affiliated_person(f.MembershipFactory(mini_cluster=mini_cluster).organization)
    user = f.UserFactory(person=with_account)
    by_email = sf.affiliated_person(
        f.MembershipFactory(mini_cluster=mini_cluster).organization, email="ceo@example.invalid"
    )
    sf.affiliated_person(f.MembershipFactory(mini_cluster=mini_cluster).organization)
    survey = _survey(mini_cluster, closes_on=datetime.date(2026, 10, 31))
    # when
    with django_capture_on_commit_callbacks(execute=True):
        opened = services.survey_open(actor=office, survey=survey, now=NOW)
    # then
    assert (opened.invited, opened.notified, opened.emailed, opened.unreachable) == (3, 1, 1, 1)
    token = Invitation.objects.get(survey=survey, person=with_account).token
    notification = Notification.objects.get(user=user)
    assert notification.link == f"/ko/surveys/respond/{token}/"
    assert notification.event == "survey_invitation"
    assert "2026-10-31" in notification.message_en
    other_token = Invitation.objects.get(survey=survey, person=by_email).token
    sent = {message.to[0]: message.body for message in mail.outbox}
    assert f"/ko/surveys/respond/{token}/" in sent[user.email]
    assert f"/ko/surveys/respond/{other_token}/" in sent["ceo@example.invalid"]
    assert len(mail.outbox) == 2


def test_each_invitation_has_its_own_unguessable_token(office, mini_cluster):
    for _ in range(3):
        sf.affiliated_person(f.MembershipFactory(mini_cluster=mini_cluster).organization)
    survey = _survey(mini_cluster)
    services.survey_open(actor=office, survey=survey, now=NOW)
    tokens = list(Invitation.objects.values_list("token", flat=True))
    assert len(set(tokens)) == 3
    assert all(len(token) >= 32 for token in tokens)


def test_a_survey_without_questions_cannot_open(office, mini_cluster, english):
    sf.affiliated_person(f.MembershipFactory(mini_cluster=mini_cluster).organization)
    survey = sf.survey_about(mini_cluster)
    with pytest.raises(ValidationError) as error:
        services.survey_open(actor=office, survey=survey, now=NOW)
    assert "no questions" in " ".join(error.value.messages)
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.DRAFT
    assert not Invitation.objects.exists()


def test_a_survey_nobody_would_receive_cannot_open(office, mini_cluster, english):
    survey = _survey(mini_cluster)
    with pytest.raises(ValidationError) as error:
        services.survey_open(actor=office, survey=survey, now=NOW)
    message = " ".join(error.value.messages)
    assert "Nobody would be invited" in message
    assert "Mini-cluster members" in message
    assert mini_cluster.name_en in message
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.DRAFT


def test_opening_twice_is_refused(office, mini_cluster):
    sf.affiliated_person(f.MembershipFactory(mini_cluster=mini_cluster).organization)
    survey = _survey(mini_cluster)
    services.survey_open(actor=office, survey=survey, now=NOW)
    with pytest.raises(ValidationError):
        services.survey_open(actor=office, survey=survey, now=NOW)
    assert Invitation.objects.count() == 1


def test_opening_is_undone_entirely_when_a_notification_fails(office, mini_cluster):
    # given a member with an account, and notifications that fail
    person = sf.affiliated_person(f.MembershipFactory(mini_cluster=mini_cluster).organization)
    f.UserFactory(person=person)
    survey = _survey(mini_cluster)
    # when
    with (
        mock.patch(
            "clusterhub.surveys.services.opening.notify", side_effect=RuntimeError("mail down")
        ),
        pytest.raises(RuntimeError),
    ):
        services.survey_open(actor=office, survey=survey, now=NOW)
    # then nothing was kept
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.DRAFT
    assert not Invitation.objects.exists()


def test_closing_stops_answers_and_sets_the_closing_day(office, mini_cluster):
    sf.affiliated_person(f.MembershipFactory(mini_cluster=mini_cluster).organization)
    survey = _survey(mini_cluster, closes_on=datetime.date(2026, 12, 31))
    services.survey_open(actor=office, survey=survey, now=NOW)
    services.survey_close(actor=office, survey=survey, now=NOW + datetime.timedelta(days=3))
    survey.refresh_from_db()
    assert (survey.status, survey.closes_on) == (SurveyStatus.CLOSED, datetime.date(2026, 10, 8))
    with pytest.raises(ValidationError):
        services.survey_close(actor=office, survey=survey, now=NOW)
