"""The survey list's download: the surveys the actor manages, with the page's filters."""

import pytest
from django.urls import reverse

from clusterhub.surveys.models import SurveyStatus
from tests import factories as f
from tests.download_support import FORMATS, assert_refused, download
from tests.surveys import factories as sf

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("request_format", FORMATS)
def test_the_survey_list_downloads_the_filtered_surveys_of_my_zone(client, request_format):
    zone = f.ZoneFactory(code="honam")
    sf.SurveyFactory(zone=zone, year=2026, title_ko="만족도 조사", title_en="+Satisfaction")
    sf.SurveyFactory(zone=zone, year=2025, status=SurveyStatus.CLOSED)
    sf.SurveyFactory(year=2026)  # another zone's
    client.force_login(f.RegionalStaffFactory(zone=zone))

    rows = download(client, reverse("surveys:survey_list"), request_format, year="2026")

    assert [(row["title_ko"], row["title_en"]) for row in rows] == [
        ("만족도 조사", "'+Satisfaction")
    ]
    assert (rows[0]["zone"], rows[0]["level"], rows[0]["status"]) == ("honam", "zone", "draft")


def test_the_survey_list_download_is_refused_to_whom_the_page_is(client):
    url = reverse("surveys:survey_list")
    assert_refused(client, url)
    assert_refused(client, url, f.CompanyMemberFactory())
    assert_refused(client, url, f.CoordinatorFactory())
