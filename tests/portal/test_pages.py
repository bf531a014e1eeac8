"""The public pages with the real reference data, in both languages."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

GWANGJU_MINI_CLUSTERS = {
    "ko": ["LED", "광응용", "광통신", "전기부품", "복합금형", "산업기계"],
    "en": [
        "LED",
        "Photonics application",
        "Photonics communication",
        "Electric parts",
        "Synthetic molds",
        "Industrial machines",
    ],
}


@pytest.fixture
def reference():
    call_command("load_sources", verbosity=0)


@pytest.mark.parametrize("language", ["ko", "en"])
def test_gwangju_mini_clusters_appear_under_gwangju(client, reference, language):
    with translation.override(language):
        url = reverse("geography:complex_detail", kwargs={"code": "gwangju"})
    body = client.get(url).content.decode()
    assert url.startswith(f"/{language}/")
    for name in GWANGJU_MINI_CLUSTERS[language]:
        assert f">{name}<" in body
    assert ("광주첨단" if language == "ko" else "Gwangju") in body
    assert ("호남권" if language == "ko" else "Honam Region") in body


def test_the_interface_is_translated(client, reference):
    korean = client.get("/ko/mini-clusters/").content.decode()
    english = client.get("/en/mini-clusters/").content.decode()
    assert "미니클러스터" in korean
    assert "Mini clusters" in english
    assert 'lang="ko"' in korean
    assert 'lang="en"' in english


def test_switching_language_keeps_the_page(client, reference):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/ko/zones/complexes/gwangju/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/zones/complexes/gwangju/"


def test_the_root_redirects_to_a_language(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ko/"


def test_healthz_touches_neither_database_nor_templates(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert len(queries) == 0
    assert not hasattr(response, "templates") or response.templates == []


def test_unknown_pages_answer_404_in_the_layout(client):
    response = client.get("/ko/mini-clusters/no-such-cluster/")
    assert response.status_code == 404


def test_zones_are_listed_in_the_sources_order(client, reference):
    body = client.get(reverse("portal:home")).content.decode()
    positions = [
        body.index(name)
        for name in ["수도권", "충청권", "호남권", "대경권", "동남권", "강원권", "제주권"]
    ]
    assert positions == sorted(positions)
