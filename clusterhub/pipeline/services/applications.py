"""Applications: editing a draft, and moving it through the workflow table, each move a
`Transition` the timeline shows."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from clusterhub.accounts.actors import Actor
from clusterhub.core.history import save_with_reason
from clusterhub.notifications.services import notify
from clusterhub.pipeline import policies, workflow
from clusterhub.pipeline.models import Application, Participant, Transition
from clusterhub.pipeline.services.recipients import company_users, staff_users_for
from clusterhub.pipeline.services.rules import application_check_rules
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


def provisional_reference() -> str:
    """Unique until the row has its id, when `CH-<year>-<id>` replaces it."""
    return f"new-{uuid.uuid4().hex[:24]}"


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
            users=company_users(locked.organization_id),
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
        reference=provisional_reference(),
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
