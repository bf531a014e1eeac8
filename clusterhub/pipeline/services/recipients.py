"""Who the pipeline's notifications go to."""

from __future__ import annotations

from django.db.models import Q

from clusterhub.accounts.models import Role, User
from clusterhub.networks.models import MiniCluster


def company_users(organization_id: int) -> list[User]:
    """The active accounts of a company (for notifications to the applicant)."""
    return list(
        User.objects.filter(
            role_grants__role=Role.COMPANY_MEMBER,
            role_grants__organization_id=organization_id,
            is_active=True,
        )
    )


def staff_users_for(mini_cluster: MiniCluster) -> list[User]:
    """Program office and the regional staff who serve a mini cluster (for notifications)."""
    return list(
        User.objects.filter(is_active=True)
        .filter(
            Q(role_grants__role=Role.PROGRAM_OFFICE)
            | Q(
                role_grants__role=Role.REGIONAL_STAFF, role_grants__zone_id=mini_cluster.hub.zone_id
            )
            | Q(role_grants__role=Role.REGIONAL_STAFF, role_grants__complex_id=mini_cluster.hub_id)
        )
        .distinct()
    )
