"""Reads for mini clusters and their activity; a fixed number of queries whatever the data."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from clusterhub.accounts.actors import Actor
from clusterhub.geography.models import Zone
from clusterhub.geography.selectors import zone_list
from clusterhub.networks import policies
from clusterhub.networks.models import (
    Attendance,
    MiniCluster,
    MiniClusterMembership,
    NetworkingActivity,
    SpecialInterestGroup,
)


def mini_cluster_list(
    *, zone_code: str = "", hub_code: str = "", include_inactive: bool = False
) -> QuerySet[MiniCluster]:
    """Mini clusters with their current member count, hub and zone, in zone order."""
    open_members = (
        MiniClusterMembership.objects.filter(mini_cluster=OuterRef("pk"), left_on__isnull=True)
        .order_by()
        .values("mini_cluster")
        .annotate(n=Count("id"))
        .values("n")
    )
    queryset = (
        MiniCluster.objects.select_related("hub__zone", "industry")
        # A correlated count: grouping every membership row is slow at national scale.
        .annotate(member_count=Coalesce(Subquery(open_members, output_field=IntegerField()), 0))
        # Aggregating queries drop Meta.ordering, so the order is stated here.
        .order_by("hub__zone__position", "hub__code", "name_en")
    )
    if not include_inactive:
        queryset = queryset.filter(is_active=True)
    if zone_code:
        queryset = queryset.filter(hub__zone__code=zone_code)
    if hub_code:
        queryset = queryset.filter(hub__code=hub_code)
    return queryset


def mini_cluster_current_members(*, mini_cluster: MiniCluster) -> QuerySet[MiniClusterMembership]:
    return (
        MiniClusterMembership.objects.filter(mini_cluster=mini_cluster, left_on__isnull=True)
        .select_related("mini_cluster", "organization__complex", "organization__industry")
        .order_by("organization__kind", "organization__name_ko")
    )


def mini_cluster_past_members(*, mini_cluster: MiniCluster) -> QuerySet[MiniClusterMembership]:
    return (
        MiniClusterMembership.objects.filter(mini_cluster=mini_cluster, left_on__isnull=False)
        .select_related("organization")
        .order_by("-left_on")
    )


def mini_cluster_sigs(*, mini_cluster: MiniCluster) -> QuerySet[SpecialInterestGroup]:
    return (
        SpecialInterestGroup.objects.filter(mini_cluster=mini_cluster)
        .annotate(member_count=Count("memberships", filter=Q(memberships__left_on__isnull=True)))
        .prefetch_related("complexes")
        .select_related("mini_cluster")
        .order_by("name_en")
    )


def activity_list(*, mini_cluster: MiniCluster, limit: int = 20) -> QuerySet[NetworkingActivity]:
    """The latest activities with their recorded attendance (headcounts plus others)."""
    headcount = (
        Attendance.objects.filter(activity=OuterRef("pk"))
        .order_by()  # the model's ordering would add joins to every row's subquery
        .values("activity")
        .annotate(total=Sum("headcount"))
        .values("total")
    )
    return (
        NetworkingActivity.objects.filter(mini_cluster=mini_cluster)
        .select_related("sig")
        .annotate(
            organization_count=Count("attendances"),
            recorded_headcount=Coalesce(Subquery(headcount, output_field=IntegerField()), 0),
        )
        .order_by("-held_on", "-id")[:limit]
    )


def activity_summary_by_year(*, mini_cluster: MiniCluster) -> list[dict]:
    """Activities per year, as the source counts them (`003_…` networking by year)."""
    return list(
        NetworkingActivity.objects.filter(mini_cluster=mini_cluster)
        .values("held_on__year")
        .annotate(activities=Count("id"))
        .order_by("held_on__year")
    )


def mini_cluster_ids_coordinated_by(person_id: int) -> frozenset[int]:
    """The active mini clusters the person coordinates: the coordinator role of an actor."""
    return frozenset(
        MiniCluster.objects.filter(coordinator_id=person_id, is_active=True).values_list(
            "pk", flat=True
        )
    )


def mini_cluster_list_managed(*, actor: Actor) -> QuerySet[MiniCluster]:
    """The mini clusters this actor runs (`policies.mini_cluster_can_manage`), active or not."""
    return MiniCluster.objects.select_related("hub__zone").filter(
        policies.mini_cluster_manage_scope(actor)
    )


def zone_list_for_filter() -> QuerySet[Zone]:
    """The zones a list can be narrowed to, in their order: names only, no counts."""
    return Zone.objects.all()


def zone_list_with_mini_cluster_counts() -> QuerySet[Zone]:
    """The zones with their complexes' counts and how many active mini clusters they hold."""
    return zone_list().annotate(
        mini_cluster_count=Count(
            "complexes__mini_clusters",
            filter=Q(complexes__mini_clusters__is_active=True),
            distinct=True,
        )
    )


def activity_find(*, pk: int) -> NetworkingActivity | None:
    """An activity by its number, or None: a link that prefills a form may name a stale one."""
    return NetworkingActivity.objects.filter(pk=pk).first()


def activity_list_latest(*, limit: int) -> QuerySet[NetworkingActivity]:
    """The latest activities of active mini clusters, across the program."""
    return (
        NetworkingActivity.objects.select_related("mini_cluster__hub")
        .filter(mini_cluster__is_active=True)
        .order_by("-held_on", "-id")[:limit]
    )


def activity_attendances(*, activity: NetworkingActivity) -> QuerySet[Attendance]:
    return activity.attendances.select_related("organization", "person")


def activity_total_attendance(*, activity: NetworkingActivity) -> int:
    """Recorded headcounts plus the participants counted without a record."""
    headcount = activity.attendances.aggregate(total=Sum("headcount"))["total"] or 0
    return headcount + activity.other_participants
