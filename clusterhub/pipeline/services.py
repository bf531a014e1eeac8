"""The only write path for difficulties and applications.

Every service asks `clusterhub.pipeline.policies`, writes in one transaction, and leaves a
trace: django-simple-history rows with actor and reason, and for workflow moves a
`Transition` (actor, time, from, to, note) that the timeline shows.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import override

from clusterhub.accounts.actors import Actor
from clusterhub.accounts.models import Role, User
from clusterhub.core.history import delete_with_reason, save_with_reason
from clusterhub.directory.models import Organization
from clusterhub.networks.models import MiniCluster, MiniClusterMembership, NetworkingActivity
from clusterhub.notifications.services import notify
from clusterhub.pipeline import policies, workflow
from clusterhub.pipeline.models import (
    Application,
    Difficulty,
    DifficultyStatus,
    Disbursement,
    Milestone,
    OverLimitAction,
    Participant,
    ParticipantRole,
    SupportType,
    Transition,
)
from clusterhub.pipeline.workflow import State

APPLICATION_EDIT_FIELDS = (
    "title",
    "plan",
    "solution_route",
    "budget_total",
    "requested_amount",
    "support_type",
    "year",
)
# States in which an application still counts against limits and blocks duplicates.
LIVE_STATES = tuple(s for s in State if s not in (State.WITHDRAWN, State.REJECTED))


class ApplicationChangedError(ValidationError):
    """Someone saved the application after this form was opened; nothing was overwritten."""

    def __init__(self):
        super().__init__(
            _(
                "This application was changed by someone else since you opened it. "
                "Your changes are kept below: review them and save again."
            ),
            code="changed",
        )


def _provisional_reference() -> str:
    """Unique until the row has its id, when `CH-<year>-<id>` replaces it."""
    return f"new-{uuid.uuid4().hex[:24]}"


def _company_users(organization_id: int) -> list[User]:
    return list(
        User.objects.filter(
            role_grants__role=Role.COMPANY_MEMBER,
            role_grants__organization_id=organization_id,
            is_active=True,
        )
    )


# ---------------------------------------------------------------- difficulties


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
        reference=_provisional_reference(),
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


# ---------------------------------------------------------------- applications


def application_check_rules(application: Application) -> tuple[list[str], list[str]]:
    """The support type's rules: (refusals, flags for staff). Each names its reason."""
    refusals: list[str] = []
    flags: list[str] = []
    support_type = application.support_type
    organization = application.organization
    if not support_type.offered_in(application.year):
        refusals.append(
            _("%(type)s is not offered in %(year)s.")
            % {"type": support_type.name, "year": application.year}
        )
    if support_type.eligible_sizes and organization.size not in support_type.eligible_sizes:
        refusals.append(
            _("%(type)s is not open to a company of size “%(size)s”.")
            % {"type": support_type.name, "size": organization.get_size_display()}
        )
    if (
        support_type.requires_membership
        and not MiniClusterMembership.objects.filter(
            mini_cluster=application.mini_cluster, organization=organization, left_on__isnull=True
        ).exists()
    ):
        refusals.append(
            _("%(type)s requires membership of the mini cluster %(mc)s.")
            % {"type": support_type.name, "mc": application.mini_cluster.name}
        )
    if (
        support_type.cap_per_project is not None
        and application.requested_amount > support_type.cap_per_project
    ):
        refusals.append(
            _(
                "The requested %(amount)s million KRW exceeds the cap of %(cap)s million "
                "KRW per project."
            )
            % {"amount": application.requested_amount, "cap": support_type.cap_per_project}
        )
    company_share = Decimal(100) - support_type.cofunding_ratio
    if application.budget_total and application.requested_amount > (
        application.budget_total * company_share / 100
    ):
        refusals.append(
            _(
                "The company must fund %(ratio)s%% of the budget: at most %(max)s of "
                "%(budget)s million KRW can be requested."
            )
            % {
                "ratio": support_type.cofunding_ratio,
                "max": (application.budget_total * company_share / 100).quantize(Decimal("0.1")),
                "budget": application.budget_total,
            }
        )
    if application.requested_amount > application.budget_total:
        refusals.append(_("The requested support exceeds the total budget."))
    same_difficulty = (
        Application.objects.filter(
            difficulties__in=application.difficulties.all(), state__in=LIVE_STATES
        )
        .exclude(pk=application.pk)
        .exclude(state=State.DRAFT)
        .distinct()
    )
    for other in same_difficulty:
        refusals.append(
            _("A difficulty of this application is already supported by %(ref)s.")
            % {"ref": other.reference}
        )
    if support_type.yearly_limit_per_company is not None:
        used = (
            Application.objects.filter(
                organization=organization,
                support_type=support_type,
                year=application.year,
                state__in=LIVE_STATES,
            )
            .exclude(pk=application.pk)
            .exclude(state=State.DRAFT)
            .count()
        )
        if used >= support_type.yearly_limit_per_company:
            message = _(
                "%(company)s already has %(used)s application(s) for %(type)s in "
                "%(year)s; the limit is %(limit)s."
            ) % {
                "company": organization.name,
                "used": used,
                "type": support_type.name,
                "year": application.year,
                "limit": support_type.yearly_limit_per_company,
            }
            if support_type.over_limit_action == OverLimitAction.FLAG:
                flags.append(message)
            else:
                refusals.append(message)
    return refusals, flags


@transaction.atomic
def application_update(
    *, actor: Actor, application: Application, version: int, **changes
) -> Application:
    """Save a draft's fields; refused with nothing overwritten if it changed meanwhile."""
    if not policies.application_can_edit(actor, application):
        raise PermissionDenied
    unknown = set(changes) - set(APPLICATION_EDIT_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    updated = Application.objects.filter(pk=application.pk, version=version).update(
        version=F("version") + 1
    )
    if not updated:
        raise ApplicationChangedError
    for name, value in changes.items():
        setattr(application, name, value)
    application.version = version + 1
    save_with_reason(application, actor=actor, reason="application_update")
    return application


@transaction.atomic
def participant_add(
    *, actor: Actor, application: Application, organization: Organization, role: str
) -> Participant:
    if not policies.application_can_edit(actor, application):
        raise PermissionDenied
    if application.participants.filter(organization=organization).exists():
        raise ValidationError(
            {"organization": _("%(name)s already takes part.") % {"name": organization.name}}
        )
    if role == ParticipantRole.LEAD:
        raise ValidationError({"role": _("The lead is the applicant company.")})
    participant = Participant(application=application, organization=organization, role=role)
    save_with_reason(participant, actor=actor, reason="participant_add")
    return participant


@transaction.atomic
def participant_remove(*, actor: Actor, participant: Participant) -> None:
    if not policies.application_can_edit(actor, participant.application):
        raise PermissionDenied
    if participant.role == ParticipantRole.LEAD:
        raise ValidationError(_("The applicant company cannot be removed."))
    delete_with_reason(participant, actor=actor, reason="participant_remove")


@transaction.atomic
def application_transition(
    *, actor: Actor, application: Application, action: str, note: str = ""
) -> Application:
    """Move an application by one action of the workflow table, and record it."""
    step = workflow.ACTIONS_BY_NAME.get(action)
    if step is None:
        raise ValidationError(_("Unknown action."))
    # Lock the row: two people pressing buttons at once cannot both move it.
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.state not in step.sources:
        raise ValidationError(
            _("“%(action)s” is not possible from “%(state)s”.")
            % {"action": step.label, "state": State(locked.state).label}
        )
    if not policies.application_roles(actor, locked).intersection(step.allowed):
        raise PermissionDenied
    if step.requires_note and not note.strip():
        raise ValidationError({"note": _("Give a reason for this step.")})
    if action == "submit":
        refusals, flags = application_check_rules(locked)
        if refusals:
            raise ValidationError(refusals)
        locked.flag = " ".join(flags)
    if action == "complete" and locked.milestones.filter(done_on__isnull=True).exists():
        raise ValidationError(_("Every milestone must be done before completion."))
    Transition.objects.create(
        application=locked,
        action=action,
        from_state=locked.state,
        to_state=step.target,
        note=note.strip(),
        actor=actor.user if actor.is_authenticated else None,
    )
    locked.state = step.target
    locked.version += 1
    save_with_reason(
        locked,
        actor=actor,
        reason=f"transition:{action}",
        update_fields=["state", "flag", "version", "updated_at"],
    )
    if action == "continue_next_year":
        _continue_into(locked, actor=actor)
    if action == "submit":
        notify(
            users=staff_users_for(locked.mini_cluster),
            event="application_submitted",
            message_ko=f"{locked.reference} 심사 요청: {locked.organization.name_ko}",
            message_en=f"{locked.reference} submitted for screening: {locked.organization.name_en}",
            link=locked.get_absolute_url(),
        )
    if step.notifies_applicant:
        notify(
            users=_company_users(locked.organization_id),
            event=f"application_{action}",
            message_ko=f"{locked.reference}: {State(step.target).label}",
            message_en=f"{locked.reference}: {step.target.replace('_', ' ')}",
            link=locked.get_absolute_url(),
        )
    application.refresh_from_db()
    return application


def _continue_into(application: Application, *, actor: Actor) -> Application:
    """A continued project opens next year's draft, carrying its consortium and plan."""
    follow_on = Application(
        reference=_provisional_reference(),
        year=application.year + 1,
        support_type=application.support_type,
        organization=application.organization,
        mini_cluster=application.mini_cluster,
        title=application.title,
        plan=application.plan,
        solution_route=application.solution_route,
        previous=application,
        created_by=actor.user if actor.is_authenticated else None,
        is_demo=application.is_demo,
    )
    if not follow_on.support_type.offered_in(follow_on.year) and follow_on.support_type.successor:
        follow_on.support_type = follow_on.support_type.successor
    save_with_reason(follow_on, actor=actor, reason="continue_next_year")
    follow_on.reference = f"CH-{follow_on.year}-{follow_on.pk:06d}"
    follow_on.save(update_fields=["reference"])
    Participant.objects.bulk_create(
        [
            Participant(application=follow_on, organization_id=p.organization_id, role=p.role)
            for p in application.participants.all()
        ]
    )
    return follow_on


# ---------------------------------------------------------------- execution

EXECUTION_STATES = (State.AGREEMENT, State.EXECUTION)


def _require_staff(actor: Actor, application: Application) -> None:
    if workflow.STAFF not in policies.application_roles(actor, application):
        raise PermissionDenied


@transaction.atomic
def milestone_add(
    *, actor: Actor, application: Application, title: str, due_on: datetime.date
) -> Milestone:
    _require_staff(actor, application)
    if application.state not in EXECUTION_STATES:
        raise ValidationError(_("Milestones are planned after the agreement."))
    milestone = Milestone(application=application, title=title, due_on=due_on)
    save_with_reason(milestone, actor=actor, reason="milestone_add")
    return milestone


@transaction.atomic
def milestone_mark_done(*, actor: Actor, milestone: Milestone, done_on: datetime.date) -> Milestone:
    _require_staff(actor, milestone.application)
    milestone.done_on = done_on
    save_with_reason(
        milestone,
        actor=actor,
        reason="milestone_mark_done",
        update_fields=["done_on", "updated_at"],
    )
    return milestone


@transaction.atomic
def disbursement_record(
    *,
    actor: Actor,
    application: Application,
    amount: Decimal,
    paid_on: datetime.date,
    note: str = "",
) -> Disbursement:
    """Record a payment; the total paid never exceeds the support granted."""
    _require_staff(actor, application)
    if application.state not in EXECUTION_STATES:
        raise ValidationError(_("Support is paid after the agreement."))
    paid = application.disbursements.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    if paid + amount > application.requested_amount:
        raise ValidationError(
            {
                "amount": _(
                    "%(paid)s of %(granted)s million KRW is already paid; %(amount)s more would "
                    "exceed the support granted."
                )
                % {"paid": paid, "granted": application.requested_amount, "amount": amount}
            }
        )
    disbursement = Disbursement(application=application, amount=amount, paid_on=paid_on, note=note)
    save_with_reason(disbursement, actor=actor, reason="disbursement_record")
    return disbursement


def staff_users_for(mini_cluster: MiniCluster) -> list[User]:
    """Program office and the regional staff who serve a mini cluster (for notifications)."""
    return list(
        User.objects.filter(is_active=True)
        .filter(
            Q(role_grants__role=Role.PROGRAM_OFFICE)
            | Q(
                role_grants__role=Role.REGIONAL_STAFF, role_grants__zone_id=mini_cluster.hub.zone_id
            )
            | Q(role_grants__role=Role.REGIONAL_STAFF, role_grants__complex_id=mini_cluster.hub_id)
        )
        .distinct()
    )
