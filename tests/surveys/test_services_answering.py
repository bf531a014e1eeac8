"""Survey writes: answering by personal link, once, completely, anonymously when chosen."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from clusterhub.surveys import services
from clusterhub.surveys.models import (
    Answer,
    Response,
    Survey,
    SurveyStatus,
)
from tests.surveys import factories as sf
from tests.surveys.services_support import NOW

pytestmark = pytest.mark.django_db


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
