"""The committee round list's download: the rounds the actor runs."""

import pytest
from django.urls import reverse

from tests import factories as f
from tests.download_support import FORMATS, assert_refused, download
from tests.review import factories as rf

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("request_format", FORMATS)
def test_the_round_list_downloads_the_rounds_i_created(client, request_format):
    staff = f.RegionalStaffFactory()
    rf.RoundFactory(name="=2026 평가위원회", created_by=staff, rubric__name_ko="기술평가표")
    rf.RoundFactory(name="someone else's")
    client.force_login(staff)

    rows = download(client, reverse("review:round_list"), request_format)

    assert [row["name"] for row in rows] == ["'=2026 평가위원회"]
    assert rows[0]["rubric_name_ko"] == "기술평가표"
    assert (rows[0]["year"], rows[0]["quorum"], rows[0]["member_count"]) == ("2026", "1", "0")


def test_the_program_office_downloads_every_round(client):
    rf.RoundFactory()
    rf.RoundFactory()
    client.force_login(f.ProgramOfficeFactory())

    assert len(download(client, reverse("review:round_list"), "csv")) == 2


def test_the_round_list_download_is_refused_to_whom_the_page_is(client):
    url = reverse("review:round_list")
    assert_refused(client, url)
    assert_refused(client, url, f.CommitteeMemberFactory())
    assert_refused(client, url, f.CompanyMemberFactory())
