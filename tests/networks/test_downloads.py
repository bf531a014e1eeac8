"""The mini cluster list's and the members page's downloads; the members round trip."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clusterhub.core.downloads import write_csv
from clusterhub.exchange.kinds import importer_class
from clusterhub.networks.models import MiniClusterMembership
from tests import factories as f
from tests.download_support import FORMATS, assert_refused, download
from tests.exchange.support import counts, no_errors, run_import

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("request_format", FORMATS)
def test_the_mini_cluster_list_downloads_the_zone_it_is_filtered_to(client, request_format):
    zone = f.ZoneFactory(code="honam")
    f.MiniClusterFactory(
        slug="photonics",
        hub__zone=zone,
        name_ko="광융합 미니클러스터",
        name_en="=cmd|' /C calc'!A0",
    )
    f.MiniClusterFactory(slug="elsewhere")

    rows = download(client, reverse("networks:mini_cluster_list"), request_format, zone="honam")

    assert [row["slug"] for row in rows] == ["photonics"]
    assert rows[0]["name_ko"] == "광융합 미니클러스터"
    assert rows[0]["name_en"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["zone"] == "honam"


def test_an_unknown_download_format_is_not_found(client):
    response = client.get(reverse("networks:mini_cluster_list"), {"download": "pdf"})

    assert response.status_code == 404


@pytest.fixture
def mini_cluster():
    return f.MiniClusterFactory(slug="mecha")


def _members_url(mini_cluster):
    return reverse("networks:membership_manage", kwargs={"slug": mini_cluster.slug})


@pytest.mark.parametrize("request_format", FORMATS)
def test_the_members_download_has_the_current_members_in_the_import_columns(
    client, mini_cluster, request_format
):
    f.MembershipFactory(mini_cluster=mini_cluster, organization__slug="acme", role="supporting")
    f.MembershipFactory(
        mini_cluster=mini_cluster, organization__slug="gone", left_on=datetime.date(2025, 1, 1)
    )
    f.MembershipFactory(organization__slug="other-cluster")
    client.force_login(f.CoordinatorFactory(mini_cluster=mini_cluster))

    rows = download(client, _members_url(mini_cluster), request_format)

    importer_columns = [column.name for column in importer_class("memberships").columns]
    assert [list(row) for row in rows] == [importer_columns]
    assert rows == [
        {
            "mini_cluster": "mecha",
            "organization": "acme",
            "role": "supporting",
            "joined_on": "2024-03-01",
            "left_on": "",
        }
    ]


def test_the_members_download_is_refused_to_whom_the_page_is(client, mini_cluster):
    url = _members_url(mini_cluster)
    assert_refused(client, url)
    assert_refused(client, url, f.CompanyMemberFactory())
    assert_refused(client, url, f.RegionalStaffFactory())


@pytest.mark.parametrize("request_format", FORMATS)
def test_the_members_download_imports_back_unchanged_and_then_with_a_change(
    client, tmp_path, mini_cluster, request_format
):
    f.MembershipFactory(mini_cluster=mini_cluster, organization__slug="acme")
    f.MembershipFactory(mini_cluster=mini_cluster, organization__slug="beta", role="supporting")
    coordinator = f.CoordinatorFactory(mini_cluster=mini_cluster)
    client.force_login(coordinator)
    response = client.get(_members_url(mini_cluster), {"download": request_format})
    path = tmp_path / f"members.{request_format}"
    path.write_bytes(response.content)

    unchanged, status = run_import("memberships", path, coordinator)

    no_errors(unchanged)
    assert status == 0
    assert counts(unchanged) == (0, 0, 2)

    # a coordinator ends one membership in the downloaded file and imports it
    rows = download(client, _members_url(mini_cluster), "csv")
    rows[0]["left_on"] = "2026-06-30"
    changed = tmp_path / "members-changed.csv"
    changed.write_bytes(write_csv(list(rows[0]), [list(row.values()) for row in rows]))

    report, _ = run_import("memberships", changed, coordinator)

    no_errors(report)
    assert counts(report) == (0, 1, 1)
    ended = MiniClusterMembership.objects.get(organization__slug=rows[0]["organization"])
    assert ended.left_on == datetime.date(2026, 6, 30)


def test_the_members_download_takes_as_many_queries_for_five_members_as_for_one(
    client, mini_cluster
):
    client.force_login(f.ProgramOfficeFactory())
    url = _members_url(mini_cluster)
    f.MembershipFactory(mini_cluster=mini_cluster)
    with CaptureQueriesContext(connection) as one:
        client.get(url, {"download": "csv"})
    for _ in range(4):
        f.MembershipFactory(mini_cluster=mini_cluster)
    with CaptureQueriesContext(connection) as five:
        client.get(url, {"download": "csv"})

    assert len(five.captured_queries) == len(one.captured_queries)
