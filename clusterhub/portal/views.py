"""The front door: the public home page and each signed-in user's own page."""

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from clusterhub.accounts.actors import actor_for
from clusterhub.core.access import login_required_for_page
from clusterhub.directory.models import Organization
from clusterhub.geography.models import Complex
from clusterhub.geography.selectors import zone_list
from clusterhub.networks.models import MiniCluster, NetworkingActivity


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    totals = {
        "complexes": Complex.objects.count(),
        "hubs": Complex.objects.filter(is_hub=True).count(),
        "mini_clusters": MiniCluster.objects.filter(is_active=True).count(),
        "organizations": Organization.objects.count(),
        "activities": NetworkingActivity.objects.count(),
    }
    context = {
        "totals": totals,
        "zones": zone_list().annotate(
            mini_cluster_count=Count(
                "complexes__mini_clusters",
                filter=Q(complexes__mini_clusters__is_active=True),
                distinct=True,
            )
        ),
        "latest_activities": NetworkingActivity.objects.select_related("mini_cluster__hub")
        .filter(mini_cluster__is_active=True)
        .order_by("-held_on", "-id")[:5],
    }
    return render(request, "portal/home.html", context)


@require_safe
@login_required_for_page
def dashboard(request: HttpRequest) -> HttpResponse:
    """What this user may work on: their mini clusters, their organization, their zone."""
    actor = actor_for(request.user)
    managed = MiniCluster.objects.select_related("hub__zone")
    if not actor.is_program_office:
        managed = managed.filter(
            Q(pk__in=actor.coordinated_mini_cluster_ids)
            | Q(hub__zone_id__in=actor.zone_ids)
            | Q(hub_id__in=actor.complex_ids)
        )
    context = {
        "managed_mini_clusters": managed[:50],
        "managed_total": managed.count(),
        "organizations": Organization.objects.filter(pk__in=actor.organization_ids),
    }
    return render(request, "portal/dashboard.html", context)
