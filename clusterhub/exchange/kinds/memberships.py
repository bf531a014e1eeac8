"""Mini-cluster memberships, matched by (mini_cluster, organization, joined_on).

The mini cluster is given by its slug, the organization by its slug. An import may correct
a membership's role and its end date; a new row is admitted through `membership_add`, which
refuses a second open membership of the same organization.
"""

from __future__ import annotations

from clusterhub.directory.models import Organization
from clusterhub.exchange.columns import choice, date, reference
from clusterhub.exchange.importing import IMPORT_REASON, Importer, Plan
from clusterhub.networks import policies, services
from clusterhub.networks.models import MembershipRole, MiniCluster, MiniClusterMembership

M = MiniClusterMembership


class MembershipImporter(Importer):
    kind = "memberships"
    model = MiniClusterMembership
    key = ("mini_cluster", "organization", "joined_on")
    columns = (
        reference(M, "mini_cluster", MiniCluster, "slug"),
        reference(M, "organization", Organization, "slug"),
        choice(M, "role", MembershipRole),
        date(M, "joined_on"),
        date(M, "left_on"),
    )

    def load(self) -> None:
        super().load()
        self.existing = {
            (m.mini_cluster_id, m.organization_id, m.joined_on): m
            for m in MiniClusterMembership.objects.select_related("mini_cluster__hub")
        }
        self.open = {
            (m.mini_cluster_id, m.organization_id)
            for m in self.existing.values()
            if m.left_on is None
        }

    def plan(self, row: int, values: dict) -> Plan:
        mini_cluster, organization = values["mini_cluster"], values["organization"]
        key = self.key_text(values)
        if not policies.mini_cluster_can_manage(self.actor, mini_cluster):
            raise self.refuse("mini_cluster")
        if values.get("role") is None:
            values.pop("role", None)
        stored = self.existing.get((mini_cluster.pk, organization.pk, values["joined_on"]))
        if stored is None:
            membership = MiniClusterMembership(**values)
            self.validated(membership)
            return Plan(row, "create", key, membership)
        changes = self.changes_to(stored, values)
        if not changes:
            return Plan(row, "unchanged", key, stored)
        self.validated(stored, changes)
        return Plan(row, "update", key, stored, changes)

    def write(self, plans: list[Plan]) -> None:
        for plan in plans:
            if plan.action == "create":
                membership = plan.obj
                services.membership_add(
                    actor=self.actor,
                    mini_cluster=membership.mini_cluster,
                    organization=membership.organization,
                    joined_on=membership.joined_on,
                    role=membership.role,
                    left_on=membership.left_on,
                    reason=IMPORT_REASON,
                )
            else:
                services.membership_update(
                    actor=self.actor, membership=plan.obj, reason=IMPORT_REASON, **plan.changes
                )

    @staticmethod
    def export_queryset():
        return MiniClusterMembership.objects.select_related("mini_cluster", "organization")

    @staticmethod
    def export_row(membership: MiniClusterMembership) -> dict:
        return {
            "mini_cluster": membership.mini_cluster.slug,
            "organization": membership.organization.slug,
            "role": membership.role,
            "joined_on": membership.joined_on,
            "left_on": membership.left_on,
        }
