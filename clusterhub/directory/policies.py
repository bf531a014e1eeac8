"""Who may see an organization's private fields and change its profile."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from clusterhub.accounts.actors import Actor
from clusterhub.directory.models import Organization


def organization_can_view_private(actor: Actor, organization: Organization) -> bool:
    """Its own members, the staff of its zone or complex, and the program office."""
    if actor.is_program_office:
        return True
    if organization.pk in actor.organization_ids:
        return True
    return actor.serves_complex(organization.complex_id, organization.zone_id)


def organization_can_edit(actor: Actor, organization: Organization) -> bool:
    """A company keeps its own profile; staff who serve it may correct it."""
    return organization_can_view_private(actor, organization)


def access_organization(actor: Actor, slug: str) -> Organization:
    """An organization's profile: public to anyone (its private fields are asked separately)."""
    try:
        return Organization.objects.select_related("complex", "zone", "industry__parent").get(
            slug=slug
        )
    except Organization.DoesNotExist as exc:
        raise Http404 from exc


def access_organization_for_edit(actor: Actor, slug: str) -> Organization:
    try:
        organization = Organization.objects.select_related("complex", "zone", "industry").get(
            slug=slug
        )
    except Organization.DoesNotExist as exc:
        raise Http404 from exc
    if not organization_can_edit(actor, organization):
        raise PermissionDenied
    return organization


def organization_can_create(actor: Actor, *, zone_id: int | None, complex_id: int | None) -> bool:
    """Staff who serve the place it is in: the program office, the zone's or complex's staff."""
    return actor.serves_complex(complex_id, zone_id)


def person_can_edit(actor: Actor, organization: Organization | None) -> bool:
    """A person's record and their affiliation: staff who serve the organization (its
    profile's editors), or the program office for someone with no organization."""
    if organization is None:
        return actor.is_program_office
    return actor.is_staff_of_program and organization_can_edit(actor, organization)


def expert_profile_can_edit(actor: Actor) -> bool:
    """The program office keeps the expert pool it matches difficulties against."""
    return actor.is_program_office
