"""The front door: the public home page and each signed-in user's own page."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from clusterhub.accounts.actors import actor_for
from clusterhub.core.access import login_required_for_page
from clusterhub.networks import selectors as networks_selectors
from clusterhub.portal import selectors

LATEST_ACTIVITIES = 5
MANAGED_SHOWN = 50


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "totals": selectors.home_totals(),
        "zones": networks_selectors.zone_list_with_mini_cluster_counts(),
        "latest_activities": networks_selectors.activity_list_latest(limit=LATEST_ACTIVITIES),
    }
    return render(request, "portal/home.html", context)


@require_safe
@login_required_for_page
def dashboard(request: HttpRequest) -> HttpResponse:
    """What this user may work on: their mini clusters, their organization, their zone."""
    actor = actor_for(request.user)
    # The first page of the mini clusters they run, and how many there are in all.
    managed = Paginator(
        networks_selectors.mini_cluster_list_managed(actor=actor), MANAGED_SHOWN
    ).get_page(1)
    context = {
        "managed_mini_clusters": managed.object_list,
        "managed_total": managed.paginator.count,
        "organizations": selectors.organizations_of(actor=actor),
    }
    return render(request, "portal/dashboard.html", context)
