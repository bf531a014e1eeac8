"""List and dashboard pages issue the same number of queries however much data there is.

Each page is counted twice on one growing world — with `SMALL` rows of everything it lists,
then five times as many — and both counts must equal the number pinned in `PAGES`. A page
whose count grows has a query per row somewhere (a missing select_related, prefetch or
annotation); a page whose pinned number changes has gained or lost a query for everyone.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clusterhub.geography.models import ComplexLink
from clusterhub.statistics.models import Observation, SourceFinding, Term
from tests import factories as f

pytestmark = pytest.mark.django_db

SMALL = 2
BIG = 5 * SMALL


class World:
    """One zone, hub and mini cluster that every page can show, and rows that grow around them."""

    def __init__(self):
        self.zone = f.ZoneFactory()
        self.hub = f.ComplexFactory(zone=self.zone)
        self.hub.specialized_industries.set([f.IndustryFactory(), f.IndustryFactory()])
        self.mini_cluster = f.MiniClusterFactory(hub=self.hub, industry=f.IndustryFactory())
        self.coordinator = f.CoordinatorFactory(mini_cluster=self.mini_cluster)
        self.staff = f.ProgramOfficeFactory()
        self.table = f.SourceTableFactory()
        self.size = 0

    def grow(self, size: int) -> None:
        """Add rows until the world has `size` of each kind of row a page lists."""
        for n in range(self.size, size):
            self._add_one(n)
        self.size = size

    def _add_one(self, n: int) -> None:
        # zones, complexes and their links: the zone, complex and home pages
        other_zone = f.ZoneFactory()
        hub = f.ComplexFactory(zone=self.zone)
        hub.specialized_industries.set([f.IndustryFactory()])
        connected = f.ComplexFactory(zone=self.zone, is_hub=False)
        ComplexLink.objects.create(hub=self.hub, connected=connected)
        ComplexLink.objects.create(hub=hub, connected=self.hub)
        f.ComplexFactory(zone=other_zone)
        # mini clusters under the hub, all coordinated by the same person
        sibling = f.MiniClusterFactory(hub=self.hub, coordinator=self.coordinator.person)
        f.MembershipFactory(mini_cluster=sibling)
        # the mini cluster's members, past members, SIGs, activities and attendance
        member = f.MembershipFactory(mini_cluster=self.mini_cluster).organization
        member.industry = f.IndustryFactory()
        member.save()
        f.MembershipFactory(
            mini_cluster=self.mini_cluster,
            joined_on=datetime.date(2020, 1, 1),
            left_on=datetime.date(2021, 1, 1),
        )
        sig = f.SIGFactory(mini_cluster=self.mini_cluster)
        sig.complexes.set([self.hub, connected])
        activity = f.ActivityFactory(
            mini_cluster=self.mini_cluster, sig=sig, held_on=datetime.date(2015 + n, 5, 1)
        )
        f.AttendanceFactory(activity=activity, organization=member)
        f.AttendanceFactory(activity=activity)
        # the directory: organizations in and outside complexes
        f.OrganizationFactory(complex=None, zone=other_zone, industry=f.IndustryFactory())
        # the data sources and the explorer's default selection (Gwangju photonics
        # companies), with subsectors; one table that grows by a row and a column
        table = f.SourceTableFactory()
        for year, industry in [(2008 + n, "photonics"), (2030 + n, f"photonics.sub{n}")]:
            _observation(table, year, "업체 수", industry=industry)
        _observation(self.table, n, f"행{n}", column=f"열{n}")
        _observation(self.table, n + 1000, "행", column=f"열{n}")
        SourceFinding.objects.create(
            table=table,
            check_id=f"check-{n}",
            rule="sum",
            row_label="업체 수",
            column_label="2008",
            series="main",
            printed="300",
            printed_value=300,
            computed=301,
            difference=1,
            tolerance=0,
            message_ko="합계 불일치",
            message_en="Sum differs",
        )
        Term.objects.create(dimension="place", code=f"place-{n}", name_ko="곳", name_en="Place")
        # the pipeline: open difficulties in the inbox, applications moving through the funnel
        f.DifficultyFactory(mini_cluster=self.mini_cluster, organization=member)
        application = f.ApplicationFactory(
            mini_cluster=self.mini_cluster,
            organization=member,
            year=2020 + n,
            state="committee_review",
        )
        application.transitions.create(action="submit", from_state="draft", to_state="submitted")
        application.transitions.create(
            action="pass_screening", from_state="submitted", to_state="committee_review"
        )


def _observation(table, year, row, *, column="", industry="photonics"):
    Observation.objects.create(
        table=table,
        source_row=year,
        row_label=row,
        column_label=column or str(year),
        value=Decimal(300 + year % 100),
        printed=str(300 + year % 100),
        unit="count",
        kind="actual",
        place="gwangju",
        industry=industry,
        metric="companies",
        year=year,
    )


# page → (URL from the world, who is signed in (None, "coordinator" or "staff"), pinned count)
PAGES = {
    "home": (lambda w: reverse("portal:home"), None, 8),
    "zone list": (lambda w: reverse("geography:zone_list"), None, 2),
    "zone detail": (
        lambda w: reverse("geography:zone_detail", kwargs={"code": w.zone.code}),
        None,
        5,
    ),
    "complex list": (lambda w: reverse("geography:complex_list"), None, 3),
    "complex detail": (
        lambda w: reverse("geography:complex_detail", kwargs={"code": w.hub.code}),
        None,
        6,
    ),
    "mini-cluster list": (lambda w: reverse("networks:mini_cluster_list"), None, 2),
    "mini-cluster detail": (
        lambda w: reverse("networks:mini_cluster_detail", kwargs={"slug": w.mini_cluster.slug}),
        None,
        6,
    ),
    "directory list": (lambda w: reverse("directory:organization_list"), None, 5),
    "directory search": (
        lambda w: reverse("directory:organization_list") + f"?q=Company&zone={w.zone.code}",
        None,
        6,
    ),
    "statistics explorer": (lambda w: reverse("statistics:explorer"), None, 6),
    "statistics explorer by subsector": (
        lambda w: (
            reverse("statistics:explorer")
            + "?place=gwangju&industry=photonics&metric=companies&by=subsector"
        ),
        None,
        6,
    ),
    "source list": (lambda w: reverse("statistics:source_list"), None, 2),
    "source table": (
        lambda w: reverse("statistics:table_detail", kwargs={"table_id": w.table.table_id}),
        None,
        4,
    ),
    "my work (coordinator)": (lambda w: reverse("portal:dashboard"), "coordinator", 8),
    "coordinator inbox": (lambda w: reverse("pipeline:inbox"), "coordinator", 8),
    "application list (coordinator)": (
        lambda w: reverse("pipeline:application_list"),
        "coordinator",
        8,
    ),
    "funnel by year": (lambda w: reverse("pipeline:funnel") + "?cut=year", "staff", 5),
    "funnel by support type": (
        lambda w: reverse("pipeline:funnel") + "?cut=support_type",
        "staff",
        6,
    ),
}


def _count(client, url: str) -> int:
    client.get(url)  # warm-up: first-request work (sessions, caches) is not the page's
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", PAGES)
def test_page_queries_do_not_grow_with_the_data(client, page):
    url_for, signed_in, pinned = PAGES[page]
    # given a small world
    world = World()
    world.grow(SMALL)
    if signed_in:
        client.force_login(getattr(world, signed_in))
    small = _count(client, url_for(world))
    # when it is five times bigger
    world.grow(BIG)
    big = _count(client, url_for(world))
    # then the page issues exactly the same, pinned, number of queries
    assert (small, big) == (pinned, pinned)


def test_the_world_grows_what_the_pages_list(client):
    # given
    world = World()
    world.grow(SMALL)
    client.force_login(world.coordinator)
    # when it grows
    before = client.get(reverse("portal:dashboard")).context["managed_total"]
    world.grow(BIG)
    after = client.get(reverse("portal:dashboard")).context["managed_total"]
    members = client.get(world.mini_cluster.get_absolute_url()).context["members"]
    # then the lists really are five times longer
    assert (before, after) == (SMALL + 1, BIG + 1)
    assert len(members) == BIG
