"""Signed writes of a mini cluster's life: activities with their attendance, memberships
(admit, end), through the networks policies and services, as the pages write them.

They share the mini clusters' router: an activity is logged at the address its list is
read from, and Django serves one view per address.
"""

import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema, Status
from ninja.pagination import paginate

from clusterhub.api.auth import actor_of, token_required
from clusterhub.api.conventions import LimitOffset
from clusterhub.api.endpoints.networks import ActivityOut, router
from clusterhub.api.problems import problems
from clusterhub.directory import policies as directory_policies
from clusterhub.networks import policies, selectors, services
from clusterhub.networks.models import ActivityKind, MembershipRole


class AttendanceIn(Schema):
    organization: str
    headcount: int = Field(1, ge=1)


class ActivityIn(Schema):
    kind: ActivityKind
    title_ko: str = Field(min_length=1, max_length=200)
    title_en: str = Field("", max_length=200)
    held_on: datetime.date
    venue: str = Field("", max_length=200)
    summary: str = ""
    other_participants: int = Field(0, ge=0)
    sig: str | None = None
    attendance: list[AttendanceIn] = []


class MembershipIn(Schema):
    organization: str
    joined_on: datetime.date
    role: MembershipRole = MembershipRole.MEMBER


class MembershipEndIn(Schema):
    left_on: datetime.date


class MembershipOut(Schema):
    """A membership of the mini cluster its address names."""

    id: int
    organization: str
    name_ko: str
    name_en: str
    role: str
    joined_on: datetime.date
    left_on: datetime.date | None

    @staticmethod
    def resolve_organization(membership) -> str:
        return membership.organization.slug

    @staticmethod
    def resolve_name_ko(membership) -> str:
        return membership.organization.name_ko

    @staticmethod
    def resolve_name_en(membership) -> str:
        return membership.organization.name_en


def _sig_of(mini_cluster, slug: str | None):
    if not slug:
        return None
    for sig in selectors.mini_cluster_sigs(mini_cluster=mini_cluster):
        if sig.slug == slug:
            return sig
    raise ValidationError({"sig": _("The group does not belong to this mini cluster.")})


@router.post(
    "/mini-clusters/{slug}/activities",
    response={201: ActivityOut, **problems(401, 403, 404, 422)},
    auth=token_required,
)
def activity_log(request: HttpRequest, slug: str, payload: ActivityIn):
    """Log an activity with the organizations that attended (each once, headcount ≥ 1)."""
    actor = actor_of(request)
    mini_cluster = policies.access_mini_cluster_for_manage(actor, slug)
    attendance = [
        services.AttendanceLine(
            organization=directory_policies.access_organization(actor, line.organization),
            headcount=line.headcount,
        )
        for line in payload.attendance
    ]
    fields = payload.dict(exclude={"sig", "attendance", "kind"})
    activity = services.activity_log(
        actor=actor,
        mini_cluster=mini_cluster,
        attendance=attendance,
        sig=_sig_of(mini_cluster, payload.sig),
        kind=payload.kind.value,
        **fields,
    )
    activity.organization_count = len(attendance)
    activity.recorded_headcount = sum(line.headcount for line in attendance)
    return Status(201, activity)


@router.get(
    "/mini-clusters/{slug}/memberships",
    response={200: list[MembershipOut], **problems(401, 403, 404)},
    summary="A mini cluster's memberships, current then past, for those who manage it",
    auth=token_required,
)
@paginate(LimitOffset)
def membership_list(request: HttpRequest, slug: str):
    """Every membership with its number (which ending one needs), as the members page lists
    them: the current ones by kind and name, then the past ones, latest ended first."""
    mini_cluster = policies.access_mini_cluster_for_manage(actor_of(request), slug)
    current = selectors.mini_cluster_current_members(mini_cluster=mini_cluster)
    past = selectors.mini_cluster_past_members(mini_cluster=mini_cluster)
    return [*current, *past]


@router.post(
    "/mini-clusters/{slug}/memberships",
    response={201: MembershipOut, **problems(401, 403, 404, 422)},
    auth=token_required,
)
def membership_add(request: HttpRequest, slug: str, payload: MembershipIn):
    actor = actor_of(request)
    mini_cluster = policies.access_mini_cluster_for_manage(actor, slug)
    organization = directory_policies.access_organization(actor, payload.organization)
    membership = services.membership_add(
        actor=actor,
        mini_cluster=mini_cluster,
        organization=organization,
        joined_on=payload.joined_on,
        role=payload.role.value,
    )
    return Status(201, membership)


@router.post(
    "/mini-clusters/{slug}/memberships/{membership_id}/end",
    response={200: MembershipOut, **problems(401, 403, 404, 422)},
    auth=token_required,
)
def membership_end(request: HttpRequest, slug: str, membership_id: int, payload: MembershipEndIn):
    actor = actor_of(request)
    membership = policies.access_membership_for_manage(actor, slug, membership_id)
    return services.membership_end(actor=actor, membership=membership, left_on=payload.left_on)
