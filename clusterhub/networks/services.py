"""The only write path for mini clusters, SIGs, memberships and activities.

Each service checks the policy, writes in one transaction, and leaves a history row with
the actor and the reason (django-simple-history), so every change can be traced.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from clusterhub.accounts.actors import Actor
from clusterhub.core.history import save_with_reason
from clusterhub.directory.models import Organization
from clusterhub.geography.models import Complex
from clusterhub.networks import policies
from clusterhub.networks.models import (
    Attendance,
    MembershipRole,
    MiniCluster,
    MiniClusterMembership,
    NetworkingActivity,
    SIGMembership,
    SpecialInterestGroup,
)

MINI_CLUSTER_FIELDS = (
    "name_ko",
    "name_en",
    "slug",
    "hub",
    "industry",
    "description_ko",
    "description_en",
    "coordinator",
    "established_year",
    "is_active",
)
SIG_FIELDS = ("name_ko", "name_en", "slug", "topic_ko", "topic_en", "established_on", "is_active")


@transaction.atomic
def mini_cluster_create(*, actor: Actor, hub: Complex, **fields) -> MiniCluster:
    """Create a mini cluster under a hub complex the actor serves."""
    if not policies.mini_cluster_can_create(actor, hub):
        raise PermissionDenied
    mini_cluster = MiniCluster(hub=hub, **fields)
    save_with_reason(mini_cluster, actor=actor, reason="mini_cluster_create")
    return mini_cluster


@transaction.atomic
def mini_cluster_update(
    *, actor: Actor, mini_cluster: MiniCluster, reason: str = "", **changes
) -> MiniCluster:
    """Change a mini cluster's fields; moving it to another hub needs rights there too."""
    if not policies.mini_cluster_can_manage(actor, mini_cluster):
        raise PermissionDenied
    new_hub = changes.get("hub")
    moving = new_hub is not None and new_hub.pk != mini_cluster.hub_id
    if moving and not policies.mini_cluster_can_create(actor, new_hub):
        raise PermissionDenied
    changed = [name for name, value in changes.items() if getattr(mini_cluster, name) != value]
    for name in changed:
        setattr(mini_cluster, name, changes[name])
    if changed:
        save_with_reason(
            mini_cluster,
            actor=actor,
            reason=reason or "mini_cluster_update",
            update_fields=[*changed, "updated_at"],
        )
    return mini_cluster


@transaction.atomic
def sig_create(
    *, actor: Actor, mini_cluster: MiniCluster, complexes: Iterable[Complex] = (), **fields
) -> SpecialInterestGroup:
    """Form a SIG inside a mini cluster, optionally drawing on other complexes."""
    if not policies.mini_cluster_can_manage(actor, mini_cluster):
        raise PermissionDenied
    sig = SpecialInterestGroup(mini_cluster=mini_cluster, **fields)
    save_with_reason(sig, actor=actor, reason="sig_create")
    sig.complexes.set(list(complexes) or [mini_cluster.hub])
    return sig


@transaction.atomic
def sig_update(
    *,
    actor: Actor,
    sig: SpecialInterestGroup,
    complexes: Iterable[Complex] | None = None,
    **changes,
) -> SpecialInterestGroup:
    if not policies.mini_cluster_can_manage(actor, sig.mini_cluster):
        raise PermissionDenied
    for name, value in changes.items():
        setattr(sig, name, value)
    save_with_reason(sig, actor=actor, reason="sig_update")
    if complexes is not None:
        sig.complexes.set(list(complexes) or [sig.mini_cluster.hub])
    return sig


@transaction.atomic
def membership_add(
    *,
    actor: Actor,
    mini_cluster: MiniCluster,
    organization: Organization,
    joined_on: datetime.date,
    role: str = MembershipRole.MEMBER,
    left_on: datetime.date | None = None,
    reason: str = "membership_add",
) -> MiniClusterMembership:
    """Admit an organization; refused while it already holds an open membership.

    A past membership (with `left_on`, as an import of old records brings) may sit beside
    the open one.
    """
    if not policies.mini_cluster_can_manage(actor, mini_cluster):
        raise PermissionDenied
    if (
        left_on is None
        and MiniClusterMembership.objects.filter(
            mini_cluster=mini_cluster, organization=organization, left_on__isnull=True
        ).exists()
    ):
        raise ValidationError(
            {
                "organization": _("%(name)s is already a member of this mini cluster.")
                % {"name": organization.name}
            }
        )
    membership = MiniClusterMembership(
        mini_cluster=mini_cluster,
        organization=organization,
        joined_on=joined_on,
        role=role,
        left_on=left_on,
    )
    save_with_reason(membership, actor=actor, reason=reason)
    return membership


@transaction.atomic
def membership_update(
    *, actor: Actor, membership: MiniClusterMembership, reason: str, **changes
) -> MiniClusterMembership:
    """Correct a membership's role or dates (an import of the office's records does)."""
    if not policies.mini_cluster_can_manage(actor, membership.mini_cluster):
        raise PermissionDenied
    changed = [name for name, value in changes.items() if getattr(membership, name) != value]
    for name in changed:
        setattr(membership, name, changes[name])
    if changed:
        save_with_reason(
            membership, actor=actor, reason=reason, update_fields=[*changed, "updated_at"]
        )
    return membership


@transaction.atomic
def membership_end(
    *, actor: Actor, membership: MiniClusterMembership, left_on: datetime.date
) -> MiniClusterMembership:
    """Close a membership on a date; the record stays for the years it was open."""
    if not policies.mini_cluster_can_manage(actor, membership.mini_cluster):
        raise PermissionDenied
    if membership.left_on is not None:
        raise ValidationError({"left_on": _("This membership has already ended.")})
    if left_on < membership.joined_on:
        raise ValidationError({"left_on": _("The end date is before the date of joining.")})
    membership.left_on = left_on
    save_with_reason(
        membership, actor=actor, reason="membership_end", update_fields=["left_on", "updated_at"]
    )
    return membership


@transaction.atomic
def sig_membership_add(
    *,
    actor: Actor,
    sig: SpecialInterestGroup,
    organization: Organization,
    joined_on: datetime.date,
) -> SIGMembership:
    if not policies.mini_cluster_can_manage(actor, sig.mini_cluster):
        raise PermissionDenied
    if SIGMembership.objects.filter(
        sig=sig, organization=organization, left_on__isnull=True
    ).exists():
        raise ValidationError(
            {
                "organization": _("%(name)s is already a member of this group.")
                % {"name": organization.name}
            }
        )
    membership = SIGMembership(sig=sig, organization=organization, joined_on=joined_on)
    save_with_reason(membership, actor=actor, reason="sig_membership_add")
    if organization.complex_id and not sig.complexes.filter(pk=organization.complex_id).exists():
        sig.complexes.add(organization.complex_id)
    return membership


@dataclass(frozen=True)
class AttendanceLine:
    organization: Organization
    headcount: int = 1


@transaction.atomic
def activity_log(
    *,
    actor: Actor,
    mini_cluster: MiniCluster,
    attendance: Iterable[AttendanceLine] = (),
    sig: SpecialInterestGroup | None = None,
    reason: str = "activity_log",
    **fields,
) -> NetworkingActivity:
    """Record a networking activity with the organizations that attended."""
    if not policies.mini_cluster_can_manage(actor, mini_cluster):
        raise PermissionDenied
    lines = _checked_attendance(mini_cluster, sig, attendance)
    activity = NetworkingActivity(
        mini_cluster=mini_cluster,
        sig=sig,
        logged_by=actor.user if actor.is_authenticated else None,
        **fields,
    )
    save_with_reason(activity, actor=actor, reason=reason)
    _attendance_create(actor, activity, lines, reason)
    return activity


@transaction.atomic
def activity_update(
    *,
    actor: Actor,
    activity: NetworkingActivity,
    reason: str,
    attendance: Iterable[AttendanceLine] | None = None,
    **changes,
) -> NetworkingActivity:
    """Correct an activity's fields and, when given, replace its attendance list."""
    if not policies.mini_cluster_can_manage(actor, activity.mini_cluster):
        raise PermissionDenied
    sig = changes.get("sig", activity.sig)
    lines = _checked_attendance(activity.mini_cluster, sig, attendance or ())
    changed = [name for name, value in changes.items() if getattr(activity, name) != value]
    for name in changed:
        setattr(activity, name, changes[name])
    if changed:
        save_with_reason(
            activity, actor=actor, reason=reason, update_fields=[*changed, "updated_at"]
        )
    if attendance is not None:
        user = actor.user if actor.is_authenticated else None
        for line in activity.attendances.all():
            line._change_reason = reason
            line._history_user = user
            line.delete()
        _attendance_create(actor, activity, lines, reason)
    return activity


def _checked_attendance(mini_cluster, sig, attendance) -> list[AttendanceLine]:
    if sig is not None and sig.mini_cluster_id != mini_cluster.pk:
        raise ValidationError({"sig": _("The group does not belong to this mini cluster.")})
    lines = list(attendance)
    seen = set()
    for line in lines:
        if line.organization.pk in seen:
            raise ValidationError(
                {"attendance": _("%(name)s is listed twice.") % {"name": line.organization.name}}
            )
        seen.add(line.organization.pk)
        if line.headcount < 1:
            raise ValidationError(
                {
                    "attendance": _("Headcount for %(name)s must be at least 1.")
                    % {"name": line.organization.name}
                }
            )
    return lines


def _attendance_create(actor, activity, lines, reason) -> None:
    bulk_create_with_history(
        [
            Attendance(activity=activity, organization=line.organization, headcount=line.headcount)
            for line in lines
        ],
        Attendance,
        default_user=actor.user if actor.is_authenticated else None,
        default_change_reason=reason,
    )
