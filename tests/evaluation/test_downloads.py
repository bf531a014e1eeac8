"""The scorecard ranking's and the goal list's downloads."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from clusterhub.evaluation.models import Level, Scorecard
from tests import factories as f
from tests.download_support import FORMATS, assert_refused, download
from tests.evaluation.factories import GoalFactory, IndexSystemFactory

pytestmark = pytest.mark.django_db


def _scorecard(system, mini_cluster, total, rank):
    return Scorecard.objects.create(
        system=system,
        entity_id=mini_cluster.pk,
        total=Decimal(total),
        rank=rank,
        complete=True,
        computed_at=timezone.now(),
    )


@pytest.mark.parametrize("request_format", FORMATS)
def test_the_ranking_downloads_the_scorecards_i_may_see_of_the_year_and_level(
    client, request_format
):
    zone = f.ZoneFactory()
    mine = f.MiniClusterFactory(hub__zone=zone, name_ko="광융합", name_en="=Photonics")
    system = IndexSystemFactory(year=2031, level=Level.MINI_CLUSTER)
    _scorecard(system, mine, "81.5", 1)
    _scorecard(system, f.MiniClusterFactory(), "90", 2)  # another zone's
    _scorecard(IndexSystemFactory(year=2032, level=Level.MINI_CLUSTER), mine, "70", 1)
    client.force_login(f.RegionalStaffFactory(zone=zone))

    rows = download(
        client,
        reverse("evaluation:scorecard_list"),
        request_format,
        year="2031",
        level=Level.MINI_CLUSTER,
    )

    assert rows == [
        {
            "year": "2031",
            "level": "mini_cluster",
            "rank": "1",
            "entity_id": str(mine.pk),
            "name_ko": "광융합",
            "name_en": "'=Photonics",
            "total": "81.5",
            "complete": "true",
        }
    ]


def test_the_ranking_download_is_refused_to_whom_the_page_is(client):
    url = reverse("evaluation:scorecard_list")
    assert_refused(client, url)
    assert_refused(client, url, f.CompanyMemberFactory())
    assert_refused(client, url, f.ExpertFactory())


@pytest.fixture
def platform_goals():
    zone = f.ZoneFactory(name_ko="호남권", name_en="Honam")
    GoalFactory(goal_year=2031, entity_id=zone.pk, metric_en="+Activities held")
    GoalFactory(goal_year=2032, entity_id=zone.pk)
    return zone


@pytest.mark.parametrize("request_format", FORMATS)
def test_the_goal_list_downloads_the_platform_goals_of_the_year_to_staff(
    client, platform_goals, request_format
):
    client.force_login(f.ProgramOfficeFactory())

    rows = download(client, reverse("evaluation:goal_list"), request_format, year="2031")

    assert [(row["origin"], row["goal_year"]) for row in rows] == [("platform", "2031")]
    assert (rows[0]["name_ko"], rows[0]["metric_en"]) == ("호남권", "'+Activities held")
    assert (rows[0]["goal_value"], rows[0]["achievement_ratio"]) == ("20", "90")


def test_a_visitor_downloads_no_platform_goals_as_the_page_shows_none(client, platform_goals):
    assert download(client, reverse("evaluation:goal_list"), "csv") == []
