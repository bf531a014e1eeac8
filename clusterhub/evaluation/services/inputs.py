"""What people enter: an evaluator's score of a qualitative indicator, and the program
office's goals (goals from the source documents change only with the sources)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clusterhub.accounts.actors import Actor
from clusterhub.core.history import history_user, save_with_reason
from clusterhub.evaluation import entities, policies
from clusterhub.evaluation.models import EvaluatorInput, Goal, Indicator, Nature


def evaluator_input_save(
    *,
    actor: Actor,
    indicator: Indicator,
    entity_id: int,
    score: Decimal,
    evidence: str,
    comment: str = "",
) -> EvaluatorInput:
    places = entities.entity_names(indicator.system.level, [entity_id]).get(entity_id)
    if places is None:
        raise ValidationError({"entity_id": _("No such entity at this level.")})
    if not policies.evaluator_can_enter(actor, indicator, entity_id, places):
        raise PermissionDenied
    if indicator.nature != Nature.QUALITATIVE:
        raise ValidationError(_("Only qualitative indicators take an evaluator's score."))
    if not (evidence or "").strip():
        raise ValidationError({"evidence": _("Say what the score rests on.")})
    with transaction.atomic():
        entered = (
            EvaluatorInput.objects.select_for_update()
            .filter(indicator=indicator, entity_id=entity_id)
            .first()
        ) or EvaluatorInput(indicator=indicator, entity_id=entity_id)
        entered.score = score
        entered.evidence = evidence.strip()
        entered.comment = (comment or "").strip()
        entered.entered_by = history_user(actor)
        save_with_reason(entered, actor=actor, reason="evaluator_input_save")
    return entered


def goal_save(*, actor: Actor, goal: Goal) -> Goal:
    if not policies.evaluation_can_manage(actor):
        raise PermissionDenied
    if goal.goal_observation_id:
        raise ValidationError(_("Goals from the source documents change only with the sources."))
    with transaction.atomic():
        save_with_reason(goal, actor=actor, reason="goal_save")
    return goal
