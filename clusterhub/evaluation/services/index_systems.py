"""Index systems: drafting a year's system from an earlier one, changing a draft's
indicators, and publishing it once its weights add up. A published system never changes."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clusterhub.accounts.actors import Actor
from clusterhub.core.history import delete_with_reason, save_with_reason
from clusterhub.evaluation import policies
from clusterhub.evaluation.metrics import METRICS
from clusterhub.evaluation.models import IndexSystem, Indicator, Nature, SystemStatus
from clusterhub.evaluation.weights import system_weight_problems


def index_system_draft_from(*, actor: Actor, source: IndexSystem, year: int) -> IndexSystem:
    """A draft for `year` at the same level, copying the tree, weights, rules and lineage."""
    if not policies.evaluation_can_manage(actor):
        raise PermissionDenied
    if IndexSystem.objects.filter(year=year, level=source.level).exists():
        raise ValidationError(
            {
                "year": _("There is already an index system for %(year)s at this level.")
                % {"year": year}
            }
        )
    with transaction.atomic():
        system = IndexSystem(
            year=year,
            level=source.level,
            name_ko=_replace_year(source.name_ko, source.year, year),
            name_en=_replace_year(source.name_en, source.year, year),
            description_ko=source.description_ko,
            description_en=source.description_en,
            status=SystemStatus.DRAFT,
            based_on=source,
            source=f"Drafted from {source.year} ({source.pk})",
        )
        save_with_reason(system, actor=actor, reason="index_system_draft")
        copies: dict[int, Indicator] = {}
        # Parents before children: walk the tree level by level.
        pending = list(source.indicators.order_by("position", "code"))
        while pending:
            remaining = []
            for indicator in pending:
                if indicator.parent_id is not None and indicator.parent_id not in copies:
                    remaining.append(indicator)
                    continue
                original_pk = indicator.pk
                copy = Indicator(
                    system=system,
                    parent=copies.get(indicator.parent_id),
                    code=indicator.code,
                    position=indicator.position,
                    name_ko=indicator.name_ko,
                    name_en=indicator.name_en,
                    description_ko=indicator.description_ko,
                    description_en=indicator.description_en,
                    nature=indicator.nature,
                    weight=indicator.weight,
                    unit=indicator.unit,
                    direction=indicator.direction,
                    rule=indicator.rule,
                    metric=indicator.metric,
                    lower_bound=indicator.lower_bound,
                    upper_bound=indicator.upper_bound,
                    thresholds=indicator.thresholds,
                    lineage=indicator.lineage,
                    source=indicator.source,
                )
                save_with_reason(copy, actor=actor, reason="index_system_draft")
                copies[original_pk] = copy
            if len(remaining) == len(pending):  # pragma: no cover - a cycle cannot be saved
                raise ValidationError(_("The index tree has a cycle."))
            pending = remaining
    return system


def _replace_year(text: str, old: int, new: int) -> str:
    return text.replace(str(old), str(new)) if str(old) in text else f"{text} ({new})"


def _require_draft(system: IndexSystem) -> None:
    if not system.is_draft:
        raise ValidationError(
            _("A published index system cannot change; draft next year's system instead.")
        )


def indicator_save(*, actor: Actor, indicator: Indicator) -> Indicator:
    """Add or change one node of a draft system (the form has set its fields)."""
    if not policies.evaluation_can_manage(actor):
        raise PermissionDenied
    _require_draft(indicator.system)
    if indicator.parent_id is not None:
        parent = indicator.parent
        if parent.system_id != indicator.system_id:
            raise ValidationError({"parent": _("The parent belongs to another index system.")})
        if parent.nature != Nature.GROUP:
            raise ValidationError({"parent": _("Only a group can hold indicators.")})
        ancestor = parent
        while ancestor is not None:
            if indicator.pk and ancestor.pk == indicator.pk:
                raise ValidationError({"parent": _("An indicator cannot be under itself.")})
            ancestor = ancestor.parent
    if indicator.metric and indicator.metric not in METRICS:
        raise ValidationError(
            {"metric": _("Unknown metric “%(code)s”.") % {"code": indicator.metric}}
        )
    with transaction.atomic():
        save_with_reason(indicator, actor=actor, reason="indicator_save")
    return indicator


def indicator_delete(*, actor: Actor, indicator: Indicator) -> None:
    if not policies.evaluation_can_manage(actor):
        raise PermissionDenied
    _require_draft(indicator.system)
    with transaction.atomic():
        delete_with_reason(indicator, actor=actor, reason="indicator_delete")


def index_system_publish(*, actor: Actor, system: IndexSystem) -> IndexSystem:
    """Publish a draft whose weights add up; otherwise say which sums are off."""
    if not policies.evaluation_can_manage(actor):
        raise PermissionDenied
    _require_draft(system)
    problems = system_weight_problems(system)
    for indicator in system.indicators.all():
        try:
            indicator.full_clean()
        except ValidationError as error:
            for messages in error.message_dict.values():
                problems.extend(f"{indicator.code} {indicator.name}: {m}" for m in messages)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        system.status = SystemStatus.PUBLISHED
        save_with_reason(
            system,
            actor=actor,
            reason="index_system_publish",
            update_fields=["status", "updated_at"],
        )
    return system
