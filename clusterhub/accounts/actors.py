"""Who is asking: a user's roles and scopes, resolved once per request.

Every policy (`clusterhub/*/policies.py`) takes an `Actor`, never a raw user, so the rules
read the same in views, services, the API and scripts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser

from clusterhub.accounts.models import Role, RoleGrant, User


@dataclass(frozen=True)
class Actor:
    user: User | AnonymousUser
    is_program_office: bool = False
    # Regional staff: the zones they serve, and single hub complexes they serve.
    zone_ids: frozenset[int] = field(default_factory=frozenset)
    complex_ids: frozenset[int] = field(default_factory=frozenset)
    # Company members: the organizations they act for.
    organization_ids: frozenset[int] = field(default_factory=frozenset)
    # Mini-cluster coordinators: the mini clusters whose coordinator is this user's person.
    coordinated_mini_cluster_ids: frozenset[int] = field(default_factory=frozenset)
    is_expert: bool = False
    is_committee_member: bool = False

    @property
    def is_authenticated(self) -> bool:
        return bool(self.user.is_authenticated)

    @property
    def is_regional_staff(self) -> bool:
        return bool(self.zone_ids or self.complex_ids)

    @property
    def is_staff_of_program(self) -> bool:
        """Program office or regional staff: the people who run the program."""
        return self.is_program_office or self.is_regional_staff

    @property
    def roles(self) -> list[Role]:
        held = []
        if self.is_program_office:
            held.append(Role.PROGRAM_OFFICE)
        if self.is_regional_staff:
            held.append(Role.REGIONAL_STAFF)
        if self.coordinated_mini_cluster_ids:
            held.append(Role.COORDINATOR)
        if self.organization_ids:
            held.append(Role.COMPANY_MEMBER)
        if self.is_expert:
            held.append(Role.EXPERT)
        if self.is_committee_member:
            held.append(Role.COMMITTEE_MEMBER)
        return held

    def serves_zone(self, zone_id: int | None) -> bool:
        """Regional staff of this zone (or the program office, which serves every zone)."""
        return self.is_program_office or (zone_id is not None and zone_id in self.zone_ids)

    def serves_complex(self, complex_id: int | None, zone_id: int | None) -> bool:
        """Staff who serve this complex, through its zone or by a grant on the complex."""
        if self.serves_zone(zone_id):
            return True
        return complex_id is not None and complex_id in self.complex_ids


ANONYMOUS_ACTOR = Actor(user=AnonymousUser())

# Roles that follow from the data rather than from a grant: a person who coordinates a mini
# cluster (networks), a person with an expert profile (directory). Those apps sit above
# accounts, so each registers, in its `ready()`, one query that fills its `Actor` field.
DERIVED_ROLE_FIELDS = frozenset({"coordinated_mini_cluster_ids", "is_expert"})
_DERIVED_ROLES: dict[str, Callable[[int], object]] = {}


def register_derived_role(actor_field: str, resolve: Callable[[int], object]) -> None:
    """Fill `Actor.<actor_field>` with `resolve(person_id)`: one query, for users with a person."""
    if actor_field not in DERIVED_ROLE_FIELDS:
        raise ValueError(f"'{actor_field}' is not a derived role of Actor")
    _DERIVED_ROLES[actor_field] = resolve


def actor_for(user: User | AnonymousUser) -> Actor:
    """Resolve a user's roles: at most three queries, cached on the user object.

    One for the grants, one per registered derived role (coordination, expertise).
    """
    if not user.is_authenticated or not user.is_active:
        return Actor(user=user)
    cached = getattr(user, "_clusterhub_actor", None)
    if cached is not None:
        return cached
    grants = list(
        RoleGrant.objects.filter(user=user).values_list(
            "role", "zone_id", "complex_id", "organization_id"
        )
    )
    person_id = user.person_id
    derived = (
        {name: resolve(person_id) for name, resolve in _DERIVED_ROLES.items()}
        if person_id is not None
        else {}
    )
    actor = Actor(
        user=user,
        is_program_office=user.is_superuser
        or any(role == Role.PROGRAM_OFFICE for role, *_ in grants),
        zone_ids=frozenset(z for role, z, _c, _o in grants if role == Role.REGIONAL_STAFF and z),
        complex_ids=frozenset(c for role, _z, c, _o in grants if role == Role.REGIONAL_STAFF and c),
        organization_ids=frozenset(
            o for role, _z, _c, o in grants if role == Role.COMPANY_MEMBER and o
        ),
        is_committee_member=any(role == Role.COMMITTEE_MEMBER for role, *_ in grants),
        **derived,
    )
    user._clusterhub_actor = actor
    return actor
