"""The follow-ups-due and success-story lists' downloads."""

import datetime

import pytest
from django.urls import reverse

from tests import factories as f
from tests.download_support import FORMATS, assert_refused, download
from tests.outcomes import factories as of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("request_format", FORMATS)
def test_the_follow_ups_download_holds_those_of_my_zone(client, request_format):
    project = of.completed_application(
        on=datetime.date(2025, 3, 15), title="@광센서", organization__name_ko="광주정밀"
    )
    of.completed_application(on=datetime.date(2025, 3, 15))  # another zone's
    client.force_login(f.RegionalStaffFactory(zone=project.mini_cluster.hub.zone))

    rows = download(client, reverse("outcomes:followups_due"), request_format)

    assert rows
    assert {row["application"] for row in rows} == {project.reference}
    assert rows[0]["title"] == "'@광센서"
    assert rows[0]["organization_name_ko"] == "광주정밀"
    assert rows[0]["expected"] == "7"


def test_the_follow_ups_download_is_refused_to_whom_the_page_is(client):
    url = reverse("outcomes:followups_due")
    assert_refused(client, url)
    assert_refused(client, url, f.CompanyMemberFactory())
    assert_refused(client, url, f.ExpertFactory())


@pytest.mark.parametrize("request_format", FORMATS)
def test_the_story_list_downloads_the_published_stories_only(client, request_format):
    of.published(of.SuccessStoryFactory(title_ko="수출길을 열다", title_en="=HYPERLINK(1)"))
    of.consented(of.SuccessStoryFactory(title_ko="아직 비공개"))

    rows = download(client, reverse("outcomes:story_list"), request_format)

    assert [(row["title_ko"], row["title_en"]) for row in rows] == [
        ("수출길을 열다", "'=HYPERLINK(1)")
    ]
