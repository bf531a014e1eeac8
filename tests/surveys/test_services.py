"""Writes: building a draft, opening it to the right people, closing it, answering it."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from clusterhub.accounts.actors import actor_for
from clusterhub.notifications.models import Notification
from clusterhub.pipeline.models import Participant
from clusterhub.surveys import services
from clusterhub.surveys.models import (
    Answer,
    Audience,
    Invitation,
    Response,
    Survey,
    SurveyLevel,
    SurveyStatus,
)
from tests import factories as f
from tests.review import factories as rf
from tests.surveys import factories as sf

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 10, 5, 10, 30, tzinfo=datetime.UTC)


@pytest.fixture
def zone():
    return f.ZoneFactory()


@pytest.fixture
def hub(zone):
    return f.ComplexFactory(zone=zone)


@pytest.fixture
def mini_cluster(hub):
    return f.MiniClusterFactory(hub=hub)


@pytest.fixture
def office():
    return actor_for(f.ProgramOfficeFactory())


@pytest.fixture
def staff(zone):
    return actor_for(f.RegionalStaffFactory(zone=zone))


def _fields(**overrides):
    fields = {
        "title_ko": "2026 만족도 조사",
        "title_en": "2026 satisfaction survey",
        "intro_ko": "",
        "intro_en": "",
        "year": 2026,
        "level": SurveyLevel.ZONE,
        "mini_cluster": None,
        "complex": None,
        "zone": None,
        "audience_companies": False,
        "audience_members": True,
        "audience_experts": False,
        "is_anonymous": False,
        "closes_on": None,
    }
    fields.update(overrides)
    return fields


def _survey(target, **kwargs):
    survey = sf.survey_about(target, **kwargs)
    sf.QuestionFactory(survey=survey)
    return survey


def _invited(survey) -> dict[int, str]:
    return dict(Invitation.objects.filter(survey=survey).values_list("person_id", "audience"))


# ---------------------------------------------------------------- building a draft


def test_regional_staff_create_a_draft_survey_of_their_zone(staff, zone):
    # when
    survey = services.survey_create(actor=staff, **_fields(zone=zone))
    # then
    assert survey.status == SurveyStatus.DRAFT
    assert survey.created_by == staff.user
    assert survey.history.get().history_change_reason == "survey_create"


def test_regional_staff_cannot_survey_another_zone_or_the_program(staff):
    with pytest.raises(PermissionDenied):
        services.survey_create(actor=staff, **_fields(zone=f.ZoneFactory()))
    with pytest.raises(PermissionDenied):
        services.survey_create(actor=staff, **_fields(level=SurveyLevel.PROGRAM))
    assert not Survey.objects.exists()


def test_the_target_must_match_the_level(office, zone, mini_cluster):
    with pytest.raises(ValidationError) as missing:
        services.survey_create(actor=office, **_fields(level=SurveyLevel.COMPLEX))
    assert "complex" in missing.value.error_dict
    with pytest.raises(ValidationError) as extra:
        services.survey_create(actor=office, **_fields(zone=zone, mini_cluster=mini_cluster))
    assert "mini_cluster" in extra.value.error_dict
    with pytest.raises(ValidationError):
        services.survey_create(actor=office, **_fields(level=SurveyLevel.PROGRAM, zone=zone))
    assert not Survey.objects.exists()


def test_the_database_refuses_a_target_that_does_not_match_the_level(zone):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Survey.objects.create(
            title_ko="x", title_en="x", year=2026, level=SurveyLevel.MINI_CLUSTER, zone=zone
        )


def test_a_draft_is_edited_and_an_open_survey_is_not(staff, zone, english):
    # given
    survey = sf.SurveyFactory(zone=zone)
    # when
    services.survey_update(actor=staff, survey=survey, title_en="Renamed", is_anonymous=True)
    # then
    survey.refresh_from_db()
    assert (survey.title_en, survey.is_anonymous) == ("Renamed", True)
    assert survey.history.first().history_change_reason == "survey_update"
    sf.opened(survey)
    with pytest.raises(ValidationError, match="Only a draft"):
        services.survey_update(actor=staff, survey=survey, title_en="Again")
    survey.refresh_from_db()
    assert survey.title_en == "Renamed"


def test_a_draft_moves_to_another_target_only_within_what_the_staff_serve(
    staff, zone, mini_cluster
):
    # given a zone survey
    survey = sf.SurveyFactory(zone=zone)
    # when it becomes a survey of one of the zone's mini clusters
    services.survey_update(
        actor=staff,
        survey=survey,
        level=SurveyLevel.MINI_CLUSTER,
        zone=None,
        mini_cluster=mini_cluster,
    )
    # then
    survey.refresh_from_db()
    assert (survey.level, survey.zone, survey.mini_cluster) == ("mini_cluster", None, mini_cluster)
    # but not into another zone
    with pytest.raises(PermissionDenied):
        services.survey_update(
            actor=staff,
            survey=survey,
            level=SurveyLevel.ZONE,
            zone=f.ZoneFactory(),
            mini_cluster=None,
        )
    survey.refresh_from_db()
    assert survey.mini_cluster == mini_cluster


def test_questions_are_added_moved_and_removed_in_order(staff, zone):
    # given
    survey = sf.SurveyFactory(zone=zone)
    first, second, third = (
        services.question_add(
            actor=staff,
            survey=survey,
            text_ko=f"질문{n}",
            text_en=f"Question {n}",
            kind="likert5",
            required=True,
            counts_toward_satisfaction=True,
        )
        for n in range(3)
    )
    assert [first.position, second.position, third.position] == [0, 1, 2]
    # when the third moves up, then the first is removed
    services.question_move(actor=staff, question=third, direction="up")
    services.question_remove(actor=staff, question=first)
    # then
    assert list(survey.questions.order_by("position").values_list("text_en", "position")) == [
        ("Question 2", 0),
        ("Question 1", 1),
    ]


def test_questions_of_an_open_survey_cannot_change(staff, zone):
    # given
    survey = sf.SurveyFactory(zone=zone)
    question = sf.QuestionFactory(survey=survey)
    sf.opened(survey)
    # then
    with pytest.raises(ValidationError):
        services.question_update(actor=staff, question=question, text_en="changed")
    with pytest.raises(ValidationError):
        services.question_remove(actor=staff, question=question)
    with pytest.raises(ValidationError):
        services.question_add(
            actor=staff,
            survey=survey,
            text_ko="새",
            text_en="new",
            kind="text",
            required=False,
            counts_toward_satisfaction=False,
        )
    assert list(survey.questions.values_list("pk", flat=True)) == [question.pk]


def test_a_text_question_cannot_count_toward_satisfaction(staff, zone):
    survey = sf.SurveyFactory(zone=zone)
    with pytest.raises(ValidationError) as error:
        services.question_add(
            actor=staff,
            survey=survey,
            text_ko="의견",
            text_en="Comments",
            kind="text",
            required=False,
            counts_toward_satisfaction=True,
        )
    assert "counts_toward_satisfaction" in error.value.error_dict


def test_staff_of_another_zone_cannot_change_the_survey(zone):
    survey = sf.SurveyFactory(zone=zone)
    question = sf.QuestionFactory(survey=survey)
    other = actor_for(f.RegionalStaffFactory())
    with pytest.raises(PermissionDenied):
        services.question_update(actor=other, question=question, text_en="mine")
    with pytest.raises(PermissionDenied):
        services.survey_open(actor=other, survey=survey, now=NOW)


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
    evaluation_round = rf.RoundFactory(year=2026)
    reviewer = rf.SeatFactory(round=evaluation_round)
    assignment = rf.AssignmentFactory(
        round=evaluation_round,
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


# ---------------------------------------------------------------- answering


@pytest.fixture
def open_survey():
    """An open survey with a required rating, an optional rating and an optional text."""
    survey = sf.SurveyFactory(status=SurveyStatus.OPEN, opens_on=datetime.date(2026, 10, 1))
    rating = sf.QuestionFactory(survey=survey, text_en="Overall, are you satisfied?")
    optional = sf.QuestionFactory(survey=survey, required=False)
    text = sf.TextQuestionFactory(survey=survey)
    survey.rating, survey.optional, survey.text = rating, optional, text
    return survey


def test_a_response_is_stored_with_its_answers_and_its_invitation(open_survey):
    # given
    invitation = sf.InvitationFactory(survey=open_survey)
    # when
    response = services.response_submit(
        token=invitation.token,
        answers={open_survey.rating.pk: "4", open_survey.text.pk: "  More seminars.  "},
        now=NOW,
    )
    # then
    invitation.refresh_from_db()
    assert response.invitation == invitation
    assert response.submitted_at == NOW
    assert invitation.responded_at == NOW
    assert response.audience == invitation.audience
    assert sorted(response.answers.values_list("question_id", "likert", "text")) == sorted(
        [(open_survey.rating.pk, 4, ""), (open_survey.text.pk, None, "More seminars.")]
    )


def test_an_anonymous_response_cannot_be_traced_back_to_the_person(open_survey):
    # given an anonymous survey
    open_survey.is_anonymous = True
    open_survey.save()
    invitation = sf.InvitationFactory(survey=open_survey)
    # when
    response = services.response_submit(
        token=invitation.token, answers={open_survey.rating.pk: 2}, now=NOW
    )
    # then the response has no invitation, and both keep only the day
    response.refresh_from_db()
    invitation.refresh_from_db()
    assert response.invitation is None
    assert not Response.objects.filter(invitation__isnull=False).exists()
    start_of_day = timezone.localtime(NOW).replace(hour=0, minute=0, second=0, microsecond=0)
    assert response.submitted_at == start_of_day
    assert invitation.responded_at == start_of_day
    assert invitation.has_responded


def test_a_second_submission_is_refused_and_changes_nothing(open_survey, english):
    # given
    invitation = sf.InvitationFactory(survey=open_survey)
    services.response_submit(token=invitation.token, answers={open_survey.rating.pk: 5}, now=NOW)
    # when
    with pytest.raises(ValidationError) as error:
        services.response_submit(
            token=invitation.token,
            answers={open_survey.rating.pk: 1},
            now=NOW + datetime.timedelta(hours=1),
        )
    # then
    assert "already answered" in " ".join(error.value.messages)
    assert Response.objects.count() == 1
    assert list(Answer.objects.values_list("likert", flat=True)) == [5]
    invitation.refresh_from_db()
    assert invitation.responded_at == NOW


def test_a_missing_required_answer_is_refused_naming_the_question(open_survey, english):
    invitation = sf.InvitationFactory(survey=open_survey)
    with pytest.raises(ValidationError) as error:
        services.response_submit(
            token=invitation.token,
            answers={open_survey.optional.pk: 3, open_survey.text.pk: "Hello"},
            now=NOW,
        )
    errors = error.value.message_dict
    assert list(errors) == [f"question_{open_survey.rating.pk}"]
    assert "Overall, are you satisfied?" in errors[f"question_{open_survey.rating.pk}"][0]
    assert "Question 1" in errors[f"question_{open_survey.rating.pk}"][0]
    assert not Response.objects.exists()
    invitation.refresh_from_db()
    assert invitation.responded_at is None


def test_a_rating_outside_one_to_five_is_refused(open_survey, english):
    invitation = sf.InvitationFactory(survey=open_survey)
    with pytest.raises(ValidationError) as error:
        services.response_submit(
            token=invitation.token, answers={open_survey.rating.pk: "6"}, now=NOW
        )
    assert "from 1 to 5" in error.value.message_dict[f"question_{open_survey.rating.pk}"][0]
    assert not Response.objects.exists()


@pytest.mark.parametrize("status", [SurveyStatus.DRAFT, SurveyStatus.CLOSED])
def test_a_draft_or_closed_survey_refuses_answers(open_survey, status):
    invitation = sf.InvitationFactory(survey=open_survey)
    Survey.objects.filter(pk=open_survey.pk).update(status=status)
    with pytest.raises(ValidationError):
        services.response_submit(
            token=invitation.token, answers={open_survey.rating.pk: 4}, now=NOW
        )
    assert not Response.objects.exists()


def test_an_open_survey_past_its_closing_day_refuses_answers(open_survey, english):
    invitation = sf.InvitationFactory(survey=open_survey)
    Survey.objects.filter(pk=open_survey.pk).update(closes_on=datetime.date(2026, 10, 4))
    with pytest.raises(ValidationError, match="closed"):
        services.response_submit(
            token=invitation.token, answers={open_survey.rating.pk: 4}, now=NOW
        )


def test_an_unknown_token_is_refused(open_survey):
    with pytest.raises(PermissionDenied):
        services.response_submit(token="not-a-token", answers={}, now=NOW)


def test_answers_to_questions_of_another_survey_are_refused(open_survey):
    invitation = sf.InvitationFactory(survey=open_survey)
    stranger = sf.QuestionFactory()
    with pytest.raises(ValueError, match="not questions of this survey"):
        services.response_submit(
            token=invitation.token,
            answers={open_survey.rating.pk: 4, stranger.pk: 5},
            now=NOW,
        )
    assert not Response.objects.exists()


def test_a_response_is_undone_entirely_when_storing_its_answers_fails(open_survey):
    invitation = sf.InvitationFactory(survey=open_survey)
    with (
        mock.patch.object(Answer.objects, "bulk_create", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        services.response_submit(
            token=invitation.token, answers={open_survey.rating.pk: 4}, now=NOW
        )
    invitation.refresh_from_db()
    assert invitation.responded_at is None
    assert not Response.objects.exists()


def test_a_demo_surveys_responses_are_demo_records(open_survey):
    Survey.objects.filter(pk=open_survey.pk).update(is_demo=True)
    invitation = sf.InvitationFactory(survey=open_survey)
    response = services.response_submit(
        token=invitation.token, answers={open_survey.rating.pk: 4}, now=NOW
    )
    assert response.is_demo
