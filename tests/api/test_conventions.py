"""The API's conventions: pagination, errors, ETags, the rate limit, tokens, the docs."""

import pytest

from tests import factories as f
from tests.api.conftest import API, bearer, token_for

pytestmark = pytest.mark.django_db


def test_a_list_is_paginated_with_a_count(client):
    # given three zones
    for _ in range(3):
        f.ZoneFactory()
    # when a client asks for two, then for the rest
    first = client.get(f"{API}/zones?limit=2").json()
    rest = client.get(f"{API}/zones?limit=2&offset=2").json()
    # then the pages add up, in a stable order, with the total
    assert (first["count"], first["limit"], first["offset"], len(first["items"])) == (3, 2, 0, 2)
    assert len(rest["items"]) == 1
    codes = [zone["code"] for zone in first["items"] + rest["items"]]
    assert len(set(codes)) == 3


@pytest.mark.parametrize(
    ("query", "field"), [("limit=1001", "limit"), ("limit=0", "limit"), ("offset=-1", "offset")]
)
def test_a_page_out_of_bounds_is_a_problem_naming_the_field(client, query, field):
    # when a client asks for a page beyond the bounds
    response = client.get(f"{API}/zones?{query}")
    # then it is refused as a problem document that names the field
    body = response.json()
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert {"type", "title", "status", "detail", "errors"} <= body.keys()
    assert body["status"] == 422
    assert [error["field"] for error in body["errors"]] == [field]


def test_the_largest_page_is_allowed(client):
    assert client.get(f"{API}/zones?limit=1000").status_code == 200


def test_an_unknown_record_is_a_json_404(client):
    response = client.get(f"{API}/zones/nowhere")
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_a_public_read_has_an_etag_and_answers_304_when_unchanged(client):
    # given a zone and a first read
    f.ZoneFactory()
    first = client.get(f"{API}/zones")
    etag = first["ETag"]
    # when the client asks again with the ETag
    again = client.get(f"{API}/zones", HTTP_IF_NONE_MATCH=etag)
    # then nothing is sent again, until the data changes
    assert again.status_code == 304
    f.ZoneFactory()
    assert client.get(f"{API}/zones", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_too_many_calls_from_an_address_are_429_with_retry_after(client, settings):
    # given a limit of two calls a minute per address
    settings.API_RATE_LIMITS = {"token": "5/m", "address": "2/m"}
    # when a visitor calls three times
    statuses = [client.get(f"{API}/zones").status_code for _ in range(3)]
    # then the third is refused, saying when to come back
    response = client.get(f"{API}/zones")
    assert statuses == [200, 200, 429]
    assert int(response["Retry-After"]) >= 1
    assert response.json()["status"] == 429


def test_a_token_has_its_own_limit(client, settings):
    # given a token and a limit of two calls a minute per address, five per token
    settings.API_RATE_LIMITS = {"token": "5/m", "address": "2/m"}
    headers = bearer(token_for(f.UserFactory()))
    # when the token calls four times
    statuses = [client.get(f"{API}/zones", **headers).status_code for _ in range(4)]
    # then it is counted by its own limit, not the address's
    assert statuses == [200] * 4


@pytest.mark.parametrize("header", ["Bearer ch_unknown", "Basic dXNlcjpwYXNz", "Bearer "])
def test_an_unknown_token_is_401_even_on_a_public_read(client, header):
    response = client.get(f"{API}/zones", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json()["status"] == 401


def test_a_signed_endpoint_without_a_token_is_401(client):
    assert client.get(f"{API}/difficulties").status_code == 401


def test_the_openapi_schema_and_the_docs_are_served_from_our_static_files(client):
    # when the schema and the docs page are fetched
    schema = client.get(f"{API}/openapi.json").json()
    docs = client.get(f"{API}/docs")
    # then the docs load the vendored Swagger UI, with no inline script, under our CSP
    html = docs.content.decode()
    assert schema["info"]["version"] == "1"
    assert docs.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "/static/clusterhub/api-docs.js" in html
    assert "<script>" not in html
    assert "cdn" not in html.lower()
    assert "script-src 'self'" in docs["Content-Security-Policy"]
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
