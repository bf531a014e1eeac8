"""Consortia: the organizations that take part in an application besides the applicant."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clusterhub.accounts.actors import Actor
from clusterhub.core.history import delete_with_reason, save_with_reason
from clusterhub.directory.models import Organization
from clusterhub.pipeline import policies
from clusterhub.pipeline.models import Application, Participant, ParticipantRole


@transaction.atomic
def participant_add(
    *, actor: Actor, application: Application, organization: Organization, role: str
) -> Participant:
    """Add an organization to an application's consortium, once, in a role other than lead."""
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
    """Take a participant out of the consortium; the applicant company stays."""
    if not policies.application_can_edit(actor, participant.application):
        raise PermissionDenied
    if participant.role == ParticipantRole.LEAD:
        raise ValidationError(_("The applicant company cannot be removed."))
    delete_with_reason(participant, actor=actor, reason="participant_remove")
