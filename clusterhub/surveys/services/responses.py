"""Answering a survey: a respondent's personal token is their only credential, so
`response_submit` takes no actor."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterhub.core.history import save_with_reason
from clusterhub.surveys import selectors
from clusterhub.surveys.models import (
    LIKERT_MAX,
    LIKERT_MIN,
    Answer,
    Invitation,
    Question,
    QuestionKind,
    Response,
)


def response_refusal(invitation: Invitation, *, today: datetime.date) -> str | None:
    """Why this invitation cannot be answered now, or None."""
    survey = invitation.survey
    if invitation.has_responded:
        return _("You have already answered this survey. Thank you: one answer is counted.")
    if survey.is_draft:
        return _("This survey is not open yet.")
    if survey.is_closed or (survey.closes_on is not None and survey.closes_on < today):
        return _("This survey is closed; answers are no longer accepted.")
    return None


def question_field_name(question: Question) -> str:
    """The name of a question's field on the response form, and of its errors."""
    return f"question_{question.pk}"


def _question_label(question: Question) -> str:
    return _("Question %(number)s “%(text)s”") % {
        "number": question.number,
        "text": question.text,
    }


def _clean_answer(question: Question, raw) -> tuple[int | None, str, str | None]:
    """(rating, text, error) for one raw answer; an empty answer is (None, "", None)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if question.required:
            return (
                None,
                "",
                _("%(question)s needs an answer.") % {"question": _question_label(question)},
            )
        return None, "", None
    if question.kind == QuestionKind.LIKERT5:
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = None
        if value is None or not LIKERT_MIN <= value <= LIKERT_MAX:
            return (
                None,
                "",
                _("%(question)s: choose a rating from 1 to 5.")
                % {"question": _question_label(question)},
            )
        return value, "", None
    return None, str(raw).strip(), None


def _day_only(moment: datetime.datetime) -> datetime.datetime:
    local = timezone.localtime(moment)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


@transaction.atomic
def response_submit(
    *, token: str, answers: Mapping[int, object], now: datetime.datetime | None = None
) -> Response:
    """Record the answers of the person whose invitation carries `token`.

    `answers` maps question ids to a rating (1–5) or a text. One response per invitation:
    a second attempt is refused and changes nothing. Missing answers to required questions
    are refused, each error naming its question (under the key `question_<id>`). For an
    anonymous survey the response is stored without the invitation, and only the day of
    the answer is kept on both.
    """
    now = now or timezone.now()
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("survey")
        .filter(token=token)
        .first()
    )
    if invitation is None:
        raise PermissionDenied
    survey = invitation.survey
    refusal = response_refusal(invitation, today=timezone.localdate(now))
    if refusal:
        raise ValidationError(refusal, code="refused")
    questions = selectors.survey_questions(survey=survey)
    unknown = {int(key) for key in answers} - {question.pk for question in questions}
    if unknown:
        raise ValueError(f"not questions of this survey: {sorted(unknown)}")
    errors: dict[str, str] = {}
    cleaned: list[Answer] = []
    for question in questions:
        rating, text, error = _clean_answer(question, answers.get(question.pk))
        if error:
            errors[question_field_name(question)] = error
        elif rating is not None or text:
            cleaned.append(Answer(question=question, likert=rating, text=text))
    if errors:
        raise ValidationError(errors)
    stamp = _day_only(now) if survey.is_anonymous else now
    response = Response(
        survey=survey,
        invitation=None if survey.is_anonymous else invitation,
        audience=invitation.audience,
        submitted_at=stamp,
        is_demo=survey.is_demo,
    )
    # Every value was built and checked above; no model validation queries per response.
    save_with_reason(response, actor=None, reason="response_submit", clean=False)
    for answer in cleaned:
        answer.response = response
    Answer.objects.bulk_create(cleaned)
    invitation.responded_at = stamp
    invitation.save(update_fields=["responded_at"])
    return response
