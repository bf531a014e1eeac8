"""The application list's and the difficulty inbox's downloads: the page's scope and filters."""

import pytest
from django.urls import reverse

from tests import factories as f
from tests.download_support import FORMATS, assert_refused, download

pytestmark = pytest.mark.django_db


@pytest.fixture
def mini_cluster():
    return f.MiniClusterFactory(slug="mecha")


@pytest.mark.parametrize("request_format", FORMATS)
def test_the_application_list_downloads_the_filtered_applications_in_scope(
    client, mini_cluster, request_format
):
    f.ApplicationFactory(
        reference="A-1",
        title="=1+1 광센서 개발",
        mini_cluster=mini_cluster,
        organization__name_ko="광주정밀",
        state="submitted",
    )
    f.ApplicationFactory(reference="A-2", mini_cluster=mini_cluster, state="draft")
    f.ApplicationFactory(reference="A-3", state="submitted")  # another zone's
    client.force_login(f.RegionalStaffFactory(zone=mini_cluster.hub.zone))

    rows = download(client, reverse("pipeline:application_list"), request_format, state="submitted")

    assert [row["reference"] for row in rows] == ["A-1"]
    assert rows[0]["title"] == "'=1+1 광센서 개발"
    assert rows[0]["organization_name_ko"] == "광주정밀"
    assert (rows[0]["mini_cluster"], rows[0]["state"]) == ("mecha", "submitted")


def test_a_company_downloads_only_its_own_applications(client, mini_cluster):
    mine = f.ApplicationFactory(reference="A-1", mini_cluster=mini_cluster)
    f.ApplicationFactory(reference="A-2", mini_cluster=mini_cluster)
    client.force_login(f.CompanyMemberFactory(organization=mine.organization))

    rows = download(client, reverse("pipeline:application_list"), "csv")

    assert [row["reference"] for row in rows] == ["A-1"]


def test_the_application_list_download_asks_a_visitor_to_log_in(client):
    assert_refused(client, reverse("pipeline:application_list"))


@pytest.mark.parametrize("request_format", FORMATS)
def test_the_inbox_downloads_the_open_difficulties_of_my_mini_clusters(
    client, mini_cluster, request_format
):
    f.DifficultyFactory(mini_cluster=mini_cluster, organization__name_ko="-광주정밀")
    f.DifficultyFactory(mini_cluster=mini_cluster, status="closed")
    f.DifficultyFactory()  # another mini cluster's
    client.force_login(f.CoordinatorFactory(mini_cluster=mini_cluster))

    rows = download(client, reverse("pipeline:inbox"), request_format)

    assert [(row["mini_cluster"], row["category"]) for row in rows] == [("mecha", "rd")]
    assert rows[0]["organization_name_ko"] == "'-광주정밀"


def test_the_inbox_download_is_refused_to_whom_the_page_is(client):
    url = reverse("pipeline:inbox")
    assert_refused(client, url)
    assert_refused(client, url, f.CompanyMemberFactory())
    assert_refused(client, url, f.ExpertFactory())


def test_the_download_links_carry_the_filters_but_not_the_page_number(client):
    client.force_login(f.ProgramOfficeFactory())

    page = client.get(
        reverse("pipeline:application_list"), {"state": "submitted", "page": "2"}
    ).content.decode()

    assert "?state=submitted&amp;download=csv" in page
    assert "?state=submitted&amp;download=xlsx" in page
