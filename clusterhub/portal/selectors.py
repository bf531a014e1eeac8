"""Reads the front pages compose from several apps: the program's totals, a user's companies."""

from __future__ import annotations

from django.db.models import QuerySet

from clusterhub.accounts.actors import Actor
from clusterhub.directory.models import Organization
from clusterhub.geography.models import Complex
from clusterhub.networks.models import MiniCluster, NetworkingActivity


def home_totals() -> dict[str, int]:
    """The program at a glance: complexes, hubs, active mini clusters, organizations, activities."""
    return {
        "complexes": Complex.objects.count(),
        "hubs": Complex.objects.filter(is_hub=True).count(),
        "mini_clusters": MiniCluster.objects.filter(is_active=True).count(),
        "organizations": Organization.objects.count(),
        "activities": NetworkingActivity.objects.count(),
    }


def organizations_of(*, actor: Actor) -> QuerySet[Organization]:
    """The organizations the actor acts for as a company member."""
    return Organization.objects.filter(pk__in=actor.organization_ids)
