"""The write path for directory entries."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from clusterhub.accounts.actors import Actor
from clusterhub.core.history import history_user, save_with_reason
from clusterhub.directory import policies
from clusterhub.directory.models import Affiliation, ExpertProfile, Organization, Person

BULK_BATCH_SIZE = 1000


@transaction.atomic
def organization_update_profile(
    *,
    actor: Actor,
    organization: Organization,
    reason: str = "organization_update_profile",
    **changes,
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
            reason=reason,
            update_fields=[*changed, "updated_at"],
        )
    return organization


@transaction.atomic
def organizations_save_in_bulk(
    *,
    actor: Actor,
    created: list[Organization],
    updated: list[tuple[Organization, Organization]],
    reason: str,
) -> None:
    """Write many validated organizations at once, each with its history row.

    `updated` pairs each organization as stored with its changed copy. The caller has run
    `full_clean` on every one; this checks the policy for each (where it sits now and where
    it will sit) and writes with one query per thousand rows instead of one per row, which
    a 100,000-row import needs. Unlike the bulk demo rows (ADR 0006), these are a person's
    changes, so every row gets its historical twin with the actor and the reason.
    """
    for organization in created:
        if not policies.organization_can_create(
            actor, zone_id=organization.zone_id, complex_id=organization.complex_id
        ):
            raise PermissionDenied
    for stored, changed in updated:
        if not (
            policies.organization_can_edit(actor, stored)
            and policies.organization_can_edit(actor, changed)
        ):
            raise PermissionDenied
    user = history_user(actor)
    if created:
        bulk_create_with_history(
            created,
            Organization,
            batch_size=BULK_BATCH_SIZE,
            default_user=user,
            default_change_reason=reason,
        )
    if updated:
        now = timezone.now()
        fields = {"updated_at"}
        rows = []
        for stored, changed in updated:
            fields.update(
                f.name
                for f in Organization._meta.concrete_fields
                if getattr(stored, f.attname) != getattr(changed, f.attname)
            )
            changed.updated_at = now
            rows.append(changed)
        bulk_update_with_history(
            rows,
            Organization,
            sorted(fields),
            batch_size=BULK_BATCH_SIZE,
            default_user=user,
            default_change_reason=reason,
        )


@transaction.atomic
def person_save(
    *,
    actor: Actor,
    person: Person,
    organization: Organization | None,
    reason: str,
    affiliation: Affiliation | None = None,
    person_changed: bool = True,
) -> Person:
    """Create or correct a person and, when given, their affiliation with `organization`.

    `person_changed=False` saves only the affiliation, so the person's history gains no row
    for a change it did not have.
    """
    if not policies.person_can_edit(actor, organization):
        raise PermissionDenied
    if person_changed or person.pk is None:
        save_with_reason(person, actor=actor, reason=reason)
    if affiliation is not None:
        affiliation.person = person
        save_with_reason(affiliation, actor=actor, reason=reason)
    return person


@transaction.atomic
def expert_profile_save(
    *, actor: Actor, profile: ExpertProfile, industries: list | None, reason: str
) -> ExpertProfile:
    """Create or correct an expert's profile; `industries` (if given) replaces the list."""
    if not policies.expert_profile_can_edit(actor):
        raise PermissionDenied
    save_with_reason(profile, actor=actor, reason=reason)
    if industries is not None:
        profile.industries.set(industries)
    return profile
