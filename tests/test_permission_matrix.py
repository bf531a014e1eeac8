"""Every URL × every role: who may open what.

The matrix below must name every URL the project serves (admin excepted, which Django's
staff flag guards and `test_admin_requires_staff` covers). A new URL without a row makes
`test_every_url_has_a_row` fail, so no view ships without a permission decision.

Outcomes: OK (served: 200, or a redirect that is not to the login page), LOGIN (sent to log
in), DENIED (403).
"""

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

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

# url name → (method, kwargs from the world, POST data, expected outcome per role)
MATRIX = {
    "healthz": ("get", lambda w: {}, None, everyone(OK)),
    "set_language": ("post", lambda w: {}, {"language": "en", "next": "/ko/"}, everyone(OK)),
    "portal:home": ("get", lambda w: {}, None, everyone(OK)),
    "portal:dashboard": ("get", lambda w: {}, None, SIGNED_IN),
    "accounts:login": ("get", lambda w: {}, None, everyone(OK)),
    "accounts:logout": ("post", lambda w: {}, {}, everyone(OK)),
    "geography:zone_list": ("get", lambda w: {}, None, everyone(OK)),
    "geography:zone_detail": ("get", lambda w: {"code": w.zone.code}, None, everyone(OK)),
    "geography:complex_list": ("get", lambda w: {}, None, everyone(OK)),
    "geography:complex_detail": ("get", lambda w: {"code": w.hub.code}, None, everyone(OK)),
    "directory:organization_list": ("get", lambda w: {}, None, everyone(OK)),
    "directory:organization_detail": (
        "get",
        lambda w: {"slug": w.organization.slug},
        None,
        everyone(OK),
    ),
    "directory:organization_edit": (
        "get",
        lambda w: {"slug": w.organization.slug},
        None,
        ORGANIZATION_EDITORS,
    ),
    "networks:mini_cluster_list": ("get", lambda w: {}, None, everyone(OK)),
    "networks:mini_cluster_detail": (
        "get",
        lambda w: {"slug": w.mini_cluster.slug},
        None,
        everyone(OK),
    ),
    "networks:mini_cluster_create": ("get", lambda w: {}, None, PROGRAM_STAFF),
    "networks:mini_cluster_edit": (
        "get",
        lambda w: {"slug": w.mini_cluster.slug},
        None,
        MINI_CLUSTER_MANAGERS,
    ),
    "networks:sig_create": (
        "get",
        lambda w: {"slug": w.mini_cluster.slug},
        None,
        MINI_CLUSTER_MANAGERS,
    ),
    "networks:sig_edit": (
        "get",
        lambda w: {"slug": w.mini_cluster.slug, "sig_slug": w.sig.slug},
        None,
        MINI_CLUSTER_MANAGERS,
    ),
    "networks:membership_manage": (
        "get",
        lambda w: {"slug": w.mini_cluster.slug},
        None,
        MINI_CLUSTER_MANAGERS,
    ),
    "networks:membership_end": (
        "post",
        lambda w: {"slug": w.mini_cluster.slug, "membership_id": w.membership.pk},
        {"left_on": "2025-12-31"},
        MINI_CLUSTER_MANAGERS,
    ),
    "networks:activity_create": (
        "get",
        lambda w: {"slug": w.mini_cluster.slug},
        None,
        MINI_CLUSTER_MANAGERS,
    ),
    "statistics:explorer": ("get", lambda w: {}, None, everyone(OK)),
    "statistics:explorer_download": ("get", lambda w: {"fmt": "csv"}, None, everyone(OK)),
    "statistics:source_list": ("get", lambda w: {}, None, everyone(OK)),
    "statistics:table_detail": (
        "get",
        lambda w: {"table_id": w.source_table.table_id},
        None,
        everyone(OK),
    ),
    "statistics:table_download": (
        "get",
        lambda w: {"table_id": w.source_table.table_id, "fmt": "xlsx"},
        None,
        everyone(OK),
    ),
    "networks:activity_detail": (
        "get",
        lambda w: {"slug": w.mini_cluster.slug, "pk": w.activity.pk},
        None,
        everyone(OK),
    ),
}


def _named_urls(patterns=None, namespace=""):
    """Every named URL of the project, as `namespace:name`."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_urls(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_has_a_row():
    served = {name for name in _named_urls() if not name.startswith("admin:")}
    assert served - MATRIX.keys() == set(), "add these URLs to the permission matrix"
    assert MATRIX.keys() - served == set(), "these matrix rows name no URL"


def _outcome(response) -> str:
    if response.status_code == 403:
        return DENIED
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    if response.status_code in (200, 302):
        return OK
    return f"unexpected {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_permission_matrix(client, url_name, role):
    # given
    method, kwargs_for, data, expected = MATRIX[url_name]
    world = World.build()
    user = world.user_for(role)
    if user is not None:
        client.force_login(user)
    url = reverse(url_name, kwargs=kwargs_for(world))
    # when
    response = getattr(client, method)(url, data) if method == "post" else client.get(url)
    # then
    assert _outcome(response) == expected[role]


@pytest.mark.django_db
def test_membership_end_denied_changes_nothing(client):
    # given a company member who is not staff of the mini cluster
    world = World.build()
    client.force_login(world.user_for("company_member"))
    url = reverse(
        "networks:membership_end",
        kwargs={"slug": world.mini_cluster.slug, "membership_id": world.membership.pk},
    )
    # when
    client.post(url, {"left_on": "2025-12-31"})
    # then
    world.membership.refresh_from_db()
    assert world.membership.left_on is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "allowed"), [("public", False), ("company_member", False), ("program_office", True)]
)
def test_admin_requires_staff(client, role, allowed):
    world = World.build()
    user = world.user_for(role)
    if user is not None:
        if allowed:
            user.is_staff = user.is_superuser = True
            user.save()
        client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert (response.status_code == 200) is allowed
