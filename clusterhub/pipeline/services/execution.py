"""Execution: after the agreement, staff plan and tick off milestones and record the
support paid out."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from clusterhub.accounts.actors import Actor
from clusterhub.core.history import save_with_reason
from clusterhub.pipeline import policies
from clusterhub.pipeline.models import Application, Disbursement, Milestone
from clusterhub.pipeline.workflow import State

EXECUTION_STATES = (State.AGREEMENT, State.EXECUTION)


def _require_staff(actor: Actor, application: Application) -> None:
    if not policies.application_can_manage_execution(actor, application):
        raise PermissionDenied


@transaction.atomic
def milestone_add(
    *, actor: Actor, application: Application, title: str, due_on: datetime.date
) -> Milestone:
    """Plan a milestone of an application under agreement or in execution."""
    _require_staff(actor, application)
    if application.state not in EXECUTION_STATES:
        raise ValidationError(_("Milestones are planned after the agreement."))
    milestone = Milestone(application=application, title=title, due_on=due_on)
    save_with_reason(milestone, actor=actor, reason="milestone_add")
    return milestone


@transaction.atomic
def milestone_mark_done(*, actor: Actor, milestone: Milestone, done_on: datetime.date) -> Milestone:
    """Mark a milestone done on `done_on`; completion needs every milestone done."""
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
