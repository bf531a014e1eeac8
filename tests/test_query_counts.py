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
from django.utils import timezone

from clusterhub.evaluation.models import EvaluatorInput, Goal, IndicatorScore, Level, Scorecard
from clusterhub.geography.models import ComplexLink
from clusterhub.statistics.models import Observation, SourceFinding, Term
from tests import factories as f
from tests.evaluation import factories as ef

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
        # evaluation: a zone index system with one group, and the world's zone's scorecard
        self.zone_system = ef.IndexSystemFactory(level=Level.ZONE, year=2030)
        self.group = ef.GroupFactory(system=self.zone_system, code="1", weight=Decimal("100"))
        self.zone_card = Scorecard.objects.create(
            system=self.zone_system,
            entity_id=self.zone.pk,
            total=Decimal("50"),
            rank=1,
            complete=True,
            computed_at=timezone.now(),
        )
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
        # evaluation: indicators with their scorecard lines and evaluator input, the
        # scorecards of other zones, goals from the sources and goals set on the platform
        quantitative = ef.IndicatorFactory(
            system=self.zone_system, parent=self.group, code=f"1.q{n}", metric="members"
        )
        qualitative = ef.QualitativeFactory(
            system=self.zone_system, parent=self.group, code=f"1.e{n}"
        )
        for indicator in (quantitative, qualitative):
            IndicatorScore.objects.create(
                scorecard=self.zone_card,
                indicator=indicator,
                raw_value=Decimal(n),
                score=Decimal("50"),
                contribution=Decimal("1"),
                explanation_ko="설명",
                explanation_en="Explained",
            )
        EvaluatorInput.objects.create(
            indicator=qualitative, entity_id=self.zone.pk, score=Decimal("70"), evidence="Visit"
        )
        Scorecard.objects.create(
            system=self.zone_system,
            entity_id=other_zone.pk,
            total=Decimal("40"),
            rank=n + 2,
            complete=False,
            computed_at=timezone.now(),
        )
        ef.GoalFactory(level=Level.ZONE, entity_id=other_zone.pk, goal_year=2030)
        cited = _observation(table, 3000 + n, "목표")
        Goal.objects.create(
            level=Level.PROGRAM,
            subject_ko="7개 시범단지",
            subject_en="7 pilot complexes",
            metric=f"goal_{n}",
            metric_ko="생산",
            metric_en="Production",
            unit_ko="십억 달러",
            unit_en="billion dollars",
            base_year=2005,
            base_value=Decimal("100"),
            goal_year=2030,
            goal_value=Decimal("200"),
            actual_value=Decimal("210"),
            printed_ratio=Decimal("105.0"),
            base_observation=cited,
            goal_observation=cited,
            actual_observation=cited,
        )


def _observation(table, year, row, *, column="", industry="photonics"):
    return Observation.objects.create(
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
    "evaluation scorecards": (
        lambda w: reverse("evaluation:scorecard_list") + "?year=2030&level=zone",
        "staff",
        8,
    ),
    "evaluation scorecard": (
        lambda w: reverse("evaluation:scorecard_detail", kwargs={"pk": w.zone_card.pk}),
        "staff",
        10,
    ),
    "evaluation index system": (
        lambda w: reverse("evaluation:system_detail", kwargs={"pk": w.zone_system.pk}),
        "staff",
        6,
    ),
    "evaluation goals": (lambda w: reverse("evaluation:goal_list"), "staff", 8),
    "evaluation goals (public)": (lambda w: reverse("evaluation:goal_list"), None, 2),
    "evaluation records behind a number": (
        lambda w: reverse(
            "evaluation:metric_records",
            kwargs={
                "code": "members",
                "level": Level.MINI_CLUSTER,
                "entity_id": w.mini_cluster.pk,
                "year": 2025,
            },
        ),
        "staff",
        8,
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


def test_the_world_grows_what_the_evaluation_pages_list(client):
    # given
    world = World()
    world.grow(BIG)
    client.force_login(world.staff)
    # when
    ranking = client.get(reverse("evaluation:scorecard_list") + "?year=2030&level=zone")
    scorecard = client.get(world.zone_card.get_absolute_url())
    goals = client.get(reverse("evaluation:goal_list"))
    records = client.get(PAGES["evaluation records behind a number"][0](world))
    # then every list has a row per step of growth
    assert len(ranking.context["rows"]) == BIG + 1
    assert len(scorecard.context["lines"]) == 2 * BIG + 1
    assert (len(goals.context["source_goals"]), len(goals.context["platform_goals"])) == (BIG, BIG)
    assert records.context["page"].paginator.count == BIG
