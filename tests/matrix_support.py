"""Shared vocabulary of the permission matrix: outcomes, roles, the world each row runs in.

Imported by `tests/test_permission_matrix.py` and by every `tests/<app>/matrix.py`.
"""

from dataclasses import dataclass

from tests import factories as f

OK, LOGIN, DENIED = "ok", "login", "denied"
ROLES = [
    "public",
    "program_office",
    "regional_staff",
    "regional_staff_other_zone",
    "coordinator",
    "company_member",
    "company_member_other_org",
    "expert",
    "committee_member",
]


@dataclass
class World:
    """One zone with a hub, a mini cluster, a member company; and another zone beside it."""

    zone: object
    hub: object
    mini_cluster: object
    sig: object
    organization: object
    membership: object
    activity: object
    other_organization: object
    source_table: object

    @classmethod
    def build(cls):
        zone = f.ZoneFactory()
        hub = f.ComplexFactory(zone=zone)
        mini_cluster = f.MiniClusterFactory(hub=hub)
        organization = f.OrganizationFactory(complex=hub)
        membership = f.MembershipFactory(mini_cluster=mini_cluster, organization=organization)
        other_zone = f.ZoneFactory()
        return cls(
            zone=zone,
            hub=hub,
            mini_cluster=mini_cluster,
            sig=f.SIGFactory(mini_cluster=mini_cluster),
            organization=organization,
            membership=membership,
            activity=f.ActivityFactory(mini_cluster=mini_cluster),
            other_organization=f.OrganizationFactory(complex=f.ComplexFactory(zone=other_zone)),
            source_table=f.SourceTableFactory(),
        )

    def user_for(self, role: str):
        return {
            "public": lambda: None,
            "program_office": lambda: f.ProgramOfficeFactory(),
            "regional_staff": lambda: f.RegionalStaffFactory(zone=self.zone),
            "regional_staff_other_zone": lambda: f.RegionalStaffFactory(
                zone=self.other_organization.zone
            ),
            "coordinator": lambda: f.CoordinatorFactory(mini_cluster=self.mini_cluster),
            "company_member": lambda: f.CompanyMemberFactory(organization=self.organization),
            "company_member_other_org": lambda: f.CompanyMemberFactory(
                organization=self.other_organization
            ),
            "expert": lambda: f.ExpertFactory(),
            "committee_member": lambda: f.CommitteeMemberFactory(),
        }[role]()


def everyone(outcome):
    return dict.fromkeys(ROLES, outcome)


SIGNED_IN = {**everyone(OK), "public": LOGIN}
MINI_CLUSTER_MANAGERS = {
    **everyone(DENIED),
    "public": LOGIN,
    "program_office": OK,
    "regional_staff": OK,
    "coordinator": OK,
}
PROGRAM_STAFF = {
    **everyone(DENIED),
    "public": LOGIN,
    "program_office": OK,
    "regional_staff": OK,
    "regional_staff_other_zone": OK,
}
ORGANIZATION_EDITORS = {
    **everyone(DENIED),
    "public": LOGIN,
    "program_office": OK,
    "regional_staff": OK,
    "company_member": OK,
}
