"""The zone and complex lists' downloads: public, with the page's zone filter."""

import pytest
from django.urls import reverse

from tests import factories as f
from tests.download_support import FORMATS, download

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("request_format", FORMATS)
def test_the_zone_list_downloads_every_zone_with_its_industries(client, request_format):
    zone = f.ZoneFactory(code="honam", name_ko="호남권", name_en="+Honam", provinces_ko="광주")
    zone.specialized_industries.add(f.IndustryFactory(code="c26"), f.IndustryFactory(code="c29"))
    f.ComplexFactory(zone=zone, is_hub=True)
    f.ComplexFactory(zone=zone, is_hub=False)

    rows = download(client, reverse("geography:zone_list"), request_format)

    assert rows == [
        {
            "code": "honam",
            "name_ko": "호남권",
            "name_en": "'+Honam",
            "provinces_ko": "광주",
            "provinces_en": "",
            "specialized_industries": "c26; c29",
            "hub_count": "1",
            "complex_count": "2",
        }
    ]


@pytest.mark.parametrize("request_format", FORMATS)
def test_the_complex_list_downloads_the_zone_it_is_filtered_to(client, request_format):
    zone = f.ZoneFactory(code="honam")
    f.ComplexFactory(code="gwangju", zone=zone, name_ko="광주첨단", name_en="@Gwangju", is_hub=True)
    f.ComplexFactory(code="elsewhere")

    rows = download(client, reverse("geography:complex_list"), request_format, zone="honam")

    assert [(row["code"], row["zone"], row["is_hub"]) for row in rows] == [
        ("gwangju", "honam", "true")
    ]
    assert (rows[0]["name_ko"], rows[0]["name_en"]) == ("광주첨단", "'@Gwangju")


def test_the_zone_list_page_links_its_downloads(client):
    page = client.get(reverse("geography:zone_list")).content.decode()

    assert "?download=csv" in page
    assert "?download=xlsx" in page
