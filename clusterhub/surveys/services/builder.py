"""The survey builder: a draft survey about a target the actor serves, and its questions.

A survey and its questions change only while it is a draft; each service locks the survey
row first, so two staff editing at once take turns.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from clusterhub.accounts.actors import Actor
from clusterhub.core.history import delete_with_reason, save_with_reason
from clusterhub.surveys import policies
from clusterhub.surveys.models import Question, Survey, SurveyStatus

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


def survey_lock(survey: Survey) -> Survey:
    """The survey again, locked for this transaction, with its target."""
    return (
        # Lock the survey row only: PostgreSQL refuses to lock the nullable side of the
        # outer joins that bring its target.
        Survey.objects.select_for_update(of=("self",))
        .select_related(*policies.SURVEY_RELATED)
        .get(pk=survey.pk)
    )


def require_target_managed(actor: Actor, survey: Survey) -> None:
    """Refuse unless the actor manages the survey's target (asked again after a change)."""
    if not policies.survey_can_manage(actor, survey):
        raise PermissionDenied


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
    require_target_managed(actor, survey)
    save_with_reason(survey, actor=actor, reason="survey_create", clean=False)
    return survey


@transaction.atomic
def survey_update(*, actor: Actor, survey: Survey, **fields) -> Survey:
    """Change a draft survey: its texts, year, target, audiences, anonymity, closing day.

    The actor must manage both the old and the new target.
    """
    _check_fields(fields, SURVEY_FIELDS)
    survey = survey_lock(survey)
    require_target_managed(actor, survey)
    _require_draft(survey)
    changed = [name for name, value in fields.items() if getattr(survey, name) != value]
    if not changed:
        return survey
    for name in changed:
        setattr(survey, name, fields[name])
    survey.full_clean()
    require_target_managed(actor, survey)
    save_with_reason(
        survey,
        actor=actor,
        reason="survey_update",
        update_fields=[*changed, "updated_at"],
        clean=False,
    )
    return survey


@transaction.atomic
def question_add(*, actor: Actor, survey: Survey, **fields) -> Question:
    """Add a question at the end of a draft survey."""
    _check_fields(fields, QUESTION_FIELDS)
    survey = survey_lock(survey)
    require_target_managed(actor, survey)
    _require_draft(survey)
    last = Question.objects.filter(survey=survey).aggregate(last=Max("position"))["last"]
    question = Question(survey=survey, position=0 if last is None else last + 1, **fields)
    save_with_reason(question, actor=actor, reason="question_add")
    return question


def _lock_question(question: Question) -> tuple[Survey, Question]:
    survey = survey_lock(question.survey)
    return survey, Question.objects.select_for_update().get(pk=question.pk, survey=survey)


@transaction.atomic
def question_update(*, actor: Actor, question: Question, **fields) -> Question:
    """Reword a question of a draft survey or change how it is answered."""
    _check_fields(fields, QUESTION_FIELDS)
    survey, question = _lock_question(question)
    require_target_managed(actor, survey)
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
    require_target_managed(actor, survey)
    _require_draft(survey)
    delete_with_reason(question, actor=actor, reason="question_remove")
    _renumber(survey, actor, "question_renumber")


@transaction.atomic
def question_move(*, actor: Actor, question: Question, direction: str) -> Question:
    """Move a question of a draft survey one place `up` or `down`; at either end, nothing."""
    if direction not in ("up", "down"):
        raise ValueError(f"direction must be up or down, not {direction!r}")
    survey, question = _lock_question(question)
    require_target_managed(actor, survey)
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
