"""The only write path for surveys, their questions, invitations and responses.

Staff's services ask `clusterhub.surveys.policies`, write in one transaction and leave a
django-simple-history row with the actor and the reason. A survey and its questions change
only while it is a draft; opening it sends the invitations; a respondent's token is their
only credential (`response_submit` takes no actor).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from clusterhub.accounts.actors import Actor
from clusterhub.accounts.models import User
from clusterhub.core.history import delete_with_reason, save_with_reason
from clusterhub.directory.models import Person
from clusterhub.notifications.services import notify
from clusterhub.surveys import policies, selectors
from clusterhub.surveys.models import (
    LIKERT_MAX,
    LIKERT_MIN,
    Answer,
    Invitation,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyStatus,
)

SURVEY_FIELDS = (
    "title_ko",
    "title_en",
    "intro_ko",
    "intro_en",
    "year",
    "level",
    "mini_cluster",
    "complex",
    "zone",
    "audience_companies",
    "audience_members",
    "audience_experts",
    "is_anonymous",
    "closes_on",
)
QUESTION_FIELDS = ("text_ko", "text_en", "kind", "required", "counts_toward_satisfaction")
INVITATION_EVENT = "survey_invitation"


def _check_fields(fields: Mapping, allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"not editable fields: {sorted(unknown)}")


def _require_draft(survey: Survey) -> None:
    if not survey.is_draft:
        raise ValidationError(
            _("Only a draft survey can be changed; this one is “%(status)s”.")
            % {"status": survey.get_status_display()}
        )


def _lock(survey: Survey) -> Survey:
    """The survey again, locked for this transaction, with its target."""
    return (
        # Lock the survey row only: PostgreSQL refuses to lock the nullable side of the
        # outer joins that bring its target.
        Survey.objects.select_for_update(of=("self",))
        .select_related(*policies.SURVEY_RELATED)
        .get(pk=survey.pk)
    )


def _require_target_managed(actor: Actor, survey: Survey) -> None:
    if not policies.survey_can_manage(actor, survey):
        raise PermissionDenied


# ---------------------------------------------------------------- surveys


@transaction.atomic
def survey_create(*, actor: Actor, **fields) -> Survey:
    """A new draft survey about a target the actor serves."""
    if not policies.survey_can_create(actor):
        raise PermissionDenied
    _check_fields(fields, SURVEY_FIELDS)
    survey = Survey(
        created_by=actor.user if actor.is_authenticated else None,
        status=SurveyStatus.DRAFT,
        **fields,
    )
    survey.full_clean()
    _require_target_managed(actor, survey)
    save_with_reason(survey, actor=actor, reason="survey_create", clean=False)
    return survey


@transaction.atomic
def survey_update(*, actor: Actor, survey: Survey, **fields) -> Survey:
    """Change a draft survey: its texts, year, target, audiences, anonymity, closing day.

    The actor must manage both the old and the new target.
    """
    _check_fields(fields, SURVEY_FIELDS)
    survey = _lock(survey)
    _require_target_managed(actor, survey)
    _require_draft(survey)
    changed = [name for name, value in fields.items() if getattr(survey, name) != value]
    if not changed:
        return survey
    for name in changed:
        setattr(survey, name, fields[name])
    survey.full_clean()
    _require_target_managed(actor, survey)
    save_with_reason(
        survey,
        actor=actor,
        reason="survey_update",
        update_fields=[*changed, "updated_at"],
        clean=False,
    )
    return survey


# ---------------------------------------------------------------- questions


@transaction.atomic
def question_add(*, actor: Actor, survey: Survey, **fields) -> Question:
    """Add a question at the end of a draft survey."""
    _check_fields(fields, QUESTION_FIELDS)
    survey = _lock(survey)
    _require_target_managed(actor, survey)
    _require_draft(survey)
    last = Question.objects.filter(survey=survey).aggregate(last=Max("position"))["last"]
    question = Question(survey=survey, position=0 if last is None else last + 1, **fields)
    save_with_reason(question, actor=actor, reason="question_add")
    return question


def _lock_question(question: Question) -> tuple[Survey, Question]:
    survey = _lock(question.survey)
    return survey, Question.objects.select_for_update().get(pk=question.pk, survey=survey)


@transaction.atomic
def question_update(*, actor: Actor, question: Question, **fields) -> Question:
    """Reword a question of a draft survey or change how it is answered."""
    _check_fields(fields, QUESTION_FIELDS)
    survey, question = _lock_question(question)
    _require_target_managed(actor, survey)
    _require_draft(survey)
    changed = [name for name, value in fields.items() if getattr(question, name) != value]
    if not changed:
        return question
    for name in changed:
        setattr(question, name, fields[name])
    save_with_reason(
        question, actor=actor, reason="question_update", update_fields=[*changed, "updated_at"]
    )
    return question


def _renumber(survey: Survey, actor: Actor, reason: str) -> None:
    for position, question in enumerate(
        Question.objects.filter(survey=survey).order_by("position", "id")
    ):
        if question.position != position:
            question.position = position
            save_with_reason(
                question,
                actor=actor,
                reason=reason,
                update_fields=["position", "updated_at"],
                clean=False,
            )


@transaction.atomic
def question_remove(*, actor: Actor, question: Question) -> None:
    """Remove a question of a draft survey; the ones after it move up."""
    survey, question = _lock_question(question)
    _require_target_managed(actor, survey)
    _require_draft(survey)
    delete_with_reason(question, actor=actor, reason="question_remove")
    _renumber(survey, actor, "question_renumber")


@transaction.atomic
def question_move(*, actor: Actor, question: Question, direction: str) -> Question:
    """Move a question of a draft survey one place `up` or `down`; at either end, nothing."""
    if direction not in ("up", "down"):
        raise ValueError(f"direction must be up or down, not {direction!r}")
    survey, question = _lock_question(question)
    _require_target_managed(actor, survey)
    _require_draft(survey)
    _renumber(survey, actor, "question_renumber")
    ordered = list(Question.objects.filter(survey=survey).order_by("position", "id"))
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(ordered):
        return ordered[index]
    moved, other = ordered[index], ordered[other_index]
    moved.position, other.position = other.position, moved.position
    for item in (moved, other):
        save_with_reason(
            item,
            actor=actor,
            reason="question_move",
            update_fields=["position", "updated_at"],
            clean=False,
        )
    return moved


# ---------------------------------------------------------------- opening and closing


@dataclass(frozen=True)
class SurveyOpened:
    """What `survey_open` did, so the page can say it."""

    survey: Survey
    invited: int
    notified: int  # people with an account: an in-app notification and an e-mail
    emailed: int  # people without an account, by e-mail to their directory address
    unreachable: int  # neither an account nor an e-mail address: staff hand them the link


def survey_open_problems(
    *, survey: Survey, invitees: dict[int, str], question_count: int
) -> list[str]:
    """Everything that keeps a draft survey from opening; empty when it may open."""
    problems = []
    if not question_count:
        problems.append(_("The survey has no questions: add at least one before opening it."))
    if not survey.audiences:
        problems.append(_("The survey has no audience: choose who is asked."))
    elif not invitees:
        problems.append(
            _(
                "Nobody would be invited: no one in the chosen audiences (%(audiences)s) "
                "within %(target)s in %(year)s."
            )
            % {
                "audiences": ", ".join(str(label) for label in survey.audience_labels),
                "target": survey.target_label,
                "year": survey.year,
            }
        )
    return problems


def _invitation_message(survey: Survey, language: str) -> str:
    with translation.override(language):
        title = survey.title
        if survey.closes_on:
            return _("Satisfaction survey “%(title)s”: please answer by %(date)s.") % {
                "title": title,
                "date": survey.closes_on.isoformat(),
            }
        return _("Satisfaction survey “%(title)s”: please answer.") % {"title": title}


def respond_link(token: str) -> str:
    """The personal link of an invitation, in the default language (the page offers both)."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("surveys:respond", kwargs={"token": token})


def _email_person(person: Person, *, message_ko: str, message_en: str, link: str) -> None:
    """An invitation for someone without an account, to their directory e-mail, on commit."""
    body = f"{message_ko}\n\n{message_en}\n\n{link}"
    transaction.on_commit(
        lambda: send_mail(
            subject=f"[Cluster Hub] {message_en}"[:150],
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[person.email],
            fail_silently=True,
        )
    )


@transaction.atomic
def survey_open(
    *, actor: Actor, survey: Survey, now: datetime.datetime | None = None
) -> SurveyOpened:
    """Open a draft survey: invite everyone its audiences reach, and tell them.

    People with an account get an in-app notification and an e-mail; people without one an
    e-mail to their directory address. Either carries their personal link. A survey with no
    questions, no audience or nobody to invite stays a draft, with the reasons.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    survey = _lock(survey)
    _require_target_managed(actor, survey)
    if not survey.is_draft:
        raise ValidationError(_("Only a draft survey can be opened."))
    if survey.closes_on is not None and survey.closes_on < today:
        raise ValidationError(
            {"closes_on": _("The closing day has passed: choose a later one first.")}
        )
    invitees = selectors.survey_invitees(survey=survey, today=today)
    problems = survey_open_problems(
        survey=survey,
        invitees=invitees,
        question_count=Question.objects.filter(survey=survey).count(),
    )
    if problems:
        raise ValidationError(problems)
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(survey=survey, person_id=person_id, audience=audience, sent_at=now)
            for person_id, audience in sorted(invitees.items())
        ]
    )
    survey.status = SurveyStatus.OPEN
    survey.opens_on = today
    save_with_reason(
        survey,
        actor=actor,
        reason="survey_open",
        update_fields=["status", "opens_on", "updated_at"],
    )
    users = {
        user.person_id: user for user in User.objects.filter(person_id__in=invitees, is_active=True)
    }
    people = Person.objects.in_bulk([person_id for person_id in invitees if person_id not in users])
    message_ko = _invitation_message(survey, "ko")
    message_en = _invitation_message(survey, "en")
    notified = emailed = 0
    for invitation in invitations:
        link = respond_link(invitation.token)
        user = users.get(invitation.person_id)
        if user is not None:
            notified += notify(
                users=[user],
                event=INVITATION_EVENT,
                message_ko=message_ko,
                message_en=message_en,
                link=link,
            )
            continue
        person = people[invitation.person_id]
        if person.email:
            _email_person(person, message_ko=message_ko, message_en=message_en, link=link)
            emailed += 1
    return SurveyOpened(
        survey=survey,
        invited=len(invitations),
        notified=notified,
        emailed=emailed,
        unreachable=len(invitations) - notified - emailed,
    )


@transaction.atomic
def survey_close(*, actor: Actor, survey: Survey, now: datetime.datetime | None = None) -> Survey:
    """Stop accepting answers. The closing day becomes today if it was later or not set."""
    today = timezone.localdate(now or timezone.now())
    survey = _lock(survey)
    _require_target_managed(actor, survey)
    if not survey.is_open:
        raise ValidationError(_("Only an open survey can be closed."))
    survey.status = SurveyStatus.CLOSED
    if survey.closes_on is None or survey.closes_on > today:
        survey.closes_on = today
    save_with_reason(
        survey,
        actor=actor,
        reason="survey_close",
        update_fields=["status", "closes_on", "updated_at"],
    )
    return survey


# ---------------------------------------------------------------- responses


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
