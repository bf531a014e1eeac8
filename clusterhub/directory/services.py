"""The write path for directory entries."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from clusterhub.accounts.actors import Actor
from clusterhub.core.history import save_with_reason
from clusterhub.directory import policies
from clusterhub.directory.models import Organization


@transaction.atomic
def organization_update_profile(
    *, actor: Actor, organization: Organization, **changes
) -> Organization:
    """Save the fields that changed, with the actor in the organization's history."""
    if not policies.organization_can_edit(actor, organization):
        raise PermissionDenied
    changed = [name for name, value in changes.items() if getattr(organization, name) != value]
    for name in changed:
        setattr(organization, name, changes[name])
    if changed:
        save_with_reason(
            organization,
            actor=actor,
            reason="organization_update_profile",
            update_fields=[*changed, "updated_at"],
        )
    return organization
