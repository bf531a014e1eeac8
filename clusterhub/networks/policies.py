"""Who may see or change mini clusters, SIGs, memberships and activities.

The one door: views, services and (later) the API ask these functions. Each condition is
on its own line so the tests can show every branch.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from clusterhub.accounts.actors import Actor
from clusterhub.geography.models import Complex
from clusterhub.networks.models import (
    MiniCluster,
    MiniClusterMembership,
    NetworkingActivity,
    SpecialInterestGroup,
)


def mini_cluster_can_create(actor: Actor, hub: Complex | None = None) -> bool:
    """Program office anywhere; regional staff under a hub they serve."""
    if actor.is_program_office:
        return True
    if hub is None:
        return actor.is_regional_staff
    return actor.serves_complex(hub.pk, hub.zone_id)


def mini_cluster_can_manage(actor: Actor, mini_cluster: MiniCluster) -> bool:
    """Edit it, its SIGs and memberships, and log its activities."""
    if actor.is_program_office:
        return True
    if actor.serves_complex(mini_cluster.hub_id, mini_cluster.hub.zone_id):
        return True
    return mini_cluster.pk in actor.coordinated_mini_cluster_ids


def mini_cluster_manage_scope(actor: Actor) -> Q:
    """A filter on `MiniCluster`: the ones `mini_cluster_can_manage` lets this actor run."""
    if actor.is_program_office:
        return Q()
    return (
        Q(pk__in=actor.coordinated_mini_cluster_ids)
        | Q(hub__zone_id__in=actor.zone_ids)
        | Q(hub_id__in=actor.complex_ids)
    )


def mini_cluster_can_view(actor: Actor, mini_cluster: MiniCluster) -> bool:
    """Active mini clusters are public, like the e-Cluster mini-sites; inactive ones are staff's."""
    if mini_cluster.is_active:
        return True
    return mini_cluster_can_manage(actor, mini_cluster)


def access_mini_cluster_for_view(actor: Actor, slug: str) -> MiniCluster:
    mini_cluster = _get_mini_cluster(slug)
    if not mini_cluster_can_view(actor, mini_cluster):
        raise Http404
    return mini_cluster


def access_mini_cluster_for_manage(actor: Actor, slug: str) -> MiniCluster:
    mini_cluster = _get_mini_cluster(slug)
    if not mini_cluster_can_manage(actor, mini_cluster):
        raise PermissionDenied
    return mini_cluster


def _get_mini_cluster(slug: str) -> MiniCluster:
    try:
        return MiniCluster.objects.select_related("hub__zone", "industry", "coordinator").get(
            slug=slug
        )
    except MiniCluster.DoesNotExist as exc:
        raise Http404 from exc


def access_sig_for_manage(
    actor: Actor, slug: str, sig_slug: str, *, for_write: bool = False
) -> SpecialInterestGroup:
    """A SIG of a mini cluster the actor manages (403 otherwise, 404 if either is unknown).
    With `for_write`, the SIG's row is locked until the caller's transaction ends."""
    mini_cluster = access_mini_cluster_for_manage(actor, slug)
    sigs = SpecialInterestGroup.objects.filter(mini_cluster=mini_cluster)
    if for_write:
        sigs = sigs.select_for_update()
    try:
        sig = sigs.get(slug=sig_slug)
    except SpecialInterestGroup.DoesNotExist as exc:
        raise Http404 from exc
    sig.mini_cluster = mini_cluster
    return sig


def access_membership_for_manage(
    actor: Actor, slug: str, membership_id: int, *, for_write: bool = False
) -> MiniClusterMembership:
    """A membership of a mini cluster the actor manages (403 otherwise, 404 if unknown).
    With `for_write`, the membership's row is locked until the caller's transaction ends."""
    mini_cluster = access_mini_cluster_for_manage(actor, slug)
    memberships = MiniClusterMembership.objects.filter(mini_cluster=mini_cluster)
    if for_write:
        memberships = memberships.select_for_update(of=("self",))
    try:
        membership = memberships.select_related("organization").get(pk=membership_id)
    except MiniClusterMembership.DoesNotExist as exc:
        raise Http404 from exc
    membership.mini_cluster = mini_cluster
    return membership


def access_activity_for_view(actor: Actor, slug: str, pk: int) -> NetworkingActivity:
    """An activity of a mini cluster the actor may see (404 otherwise, as for the mini cluster)."""
    mini_cluster = access_mini_cluster_for_view(actor, slug)
    try:
        activity = NetworkingActivity.objects.select_related("sig", "logged_by").get(
            pk=pk, mini_cluster=mini_cluster
        )
    except NetworkingActivity.DoesNotExist as exc:
        raise Http404 from exc
    activity.mini_cluster = mini_cluster
    return activity
