"""Who may see or change mini clusters, SIGs, memberships and activities.

The one door: views, services and (later) the API ask these functions. Each condition is
on its own line so the tests can show every branch.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from clusterhub.accounts.actors import Actor
from clusterhub.geography.models import Complex
from clusterhub.networks.models import MiniCluster


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
