"""Difficulties: a company's problem, logged by itself or by its coordinator after an
activity, then closed or converted into a draft application."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from clusterhub.accounts.actors import Actor
from clusterhub.core.history import save_with_reason
from clusterhub.directory.models import Organization
from clusterhub.networks.models import MiniCluster, NetworkingActivity
from clusterhub.notifications.services import notify
from clusterhub.pipeline import policies
from clusterhub.pipeline.models import (
    Application,
    Difficulty,
    DifficultyStatus,
    Participant,
    ParticipantRole,
    SupportType,
)
from clusterhub.pipeline.services.applications import provisional_reference


@transaction.atomic
def difficulty_report(
    *,
    actor: Actor,
    organization: Organization,
    mini_cluster: MiniCluster,
    category: str,
    description: str,
    urgency: str = "medium",
    activity: NetworkingActivity | None = None,
) -> Difficulty:
    """Log a difficulty: by the company itself, or by a coordinator after an activity."""
    if not policies.difficulty_can_create(
        actor, organization=organization, mini_cluster=mini_cluster
    ):
        raise PermissionDenied
    if activity is not None and activity.mini_cluster_id != mini_cluster.pk:
        raise ValidationError({"activity": _("The activity belongs to another mini cluster.")})
    difficulty = Difficulty(
        organization=organization,
        mini_cluster=mini_cluster,
        category=category,
        description=description,
        urgency=urgency,
        activity=activity,
        reported_by=actor.user if actor.is_authenticated else None,
    )
    save_with_reason(difficulty, actor=actor, reason="difficulty_report")
    coordinator = mini_cluster.coordinator
    if coordinator is not None and hasattr(coordinator, "user"):
        notify(
            users=[coordinator.user],
            event="difficulty_reported",
            message_ko=f"새 애로사항: {organization.name_ko} ({mini_cluster.name_ko})",
            message_en=f"New difficulty: {organization.name_en} ({mini_cluster.name_en})",
            link=difficulty.get_absolute_url(),
        )
    return difficulty


@transaction.atomic
def difficulty_close(*, actor: Actor, difficulty: Difficulty) -> Difficulty:
    """Close a difficulty that needs no project (solved by advice, out of scope, …)."""
    if not policies.difficulty_can_convert(actor, difficulty):
        raise PermissionDenied
    if difficulty.status != DifficultyStatus.OPEN:
        raise ValidationError(_("Only an open difficulty can be closed."))
    difficulty.status = DifficultyStatus.CLOSED
    save_with_reason(
        difficulty, actor=actor, reason="difficulty_close", update_fields=["status", "updated_at"]
    )
    return difficulty


@transaction.atomic
def difficulty_convert_to_application(
    *,
    actor: Actor,
    difficulties: Iterable[Difficulty],
    support_type: SupportType,
    year: int,
) -> Application:
    """One click: a draft application pre-filled from one or more difficulties of a company."""
    difficulties = list(difficulties)
    if not difficulties:
        raise ValidationError({"difficulties": _("Choose at least one difficulty.")})
    first = difficulties[0]
    for difficulty in difficulties:
        if not policies.difficulty_can_convert(actor, difficulty):
            raise PermissionDenied
        if difficulty.organization_id != first.organization_id:
            raise ValidationError(
                {
                    "difficulties": _(
                        "All difficulties of one application must be the same company's."
                    )
                }
            )
        if difficulty.status != DifficultyStatus.OPEN:
            raise ValidationError(
                {
                    "difficulties": _("%(difficulty)s is already in an application or closed.")
                    % {"difficulty": difficulty}
                }
            )
    if not support_type.offered_in(year):
        raise ValidationError(
            {
                "support_type": _("%(type)s is not offered in %(year)s.")
                % {"type": support_type.name, "year": year}
            }
        )
    with override("ko"):
        title_ko = f"{first.organization.name_ko} {first.get_category_display()} 애로 해결"
    application = Application(
        reference=provisional_reference(),
        year=year,
        support_type=support_type,
        organization=first.organization,
        mini_cluster=first.mini_cluster,
        title=title_ko[:200],
        plan="\n\n".join(f"- {d.description}" for d in difficulties),
        created_by=actor.user if actor.is_authenticated else None,
    )
    save_with_reason(application, actor=actor, reason="difficulty_convert_to_application")
    application.reference = f"CH-{year}-{application.pk:06d}"
    application.save(update_fields=["reference"])
    application.difficulties.set(difficulties)
    Participant.objects.create(
        application=application, organization=first.organization, role=ParticipantRole.LEAD
    )
    for difficulty in difficulties:
        difficulty.status = DifficultyStatus.CONVERTED
        save_with_reason(
            difficulty,
            actor=actor,
            reason="difficulty_convert_to_application",
            update_fields=["status", "updated_at"],
        )
    return application
