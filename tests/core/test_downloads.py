"""The shared list download: formats, the row cap, and cells made safe for spreadsheets."""

import io
from types import SimpleNamespace

import pytest
from django.http import Http404
from django.test import RequestFactory

from clusterhub.core import downloads
from clusterhub.exchange.files import read_table

COLUMNS = (downloads.field("name"), downloads.field("zone", "zone.code"))


def _rows(response, request_format):
    return list(read_table(io.BytesIO(response.content), f"list.{request_format}"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [({}, None), ({"download": "csv"}, "csv"), ({"download": "xlsx"}, "xlsx")],
)
def test_the_requested_format_is_read_from_the_query(query, expected):
    assert downloads.requested_format(RequestFactory().get("/", query)) == expected


@pytest.mark.parametrize("value", ["pdf", "", "CSV"])
def test_an_unknown_format_is_not_found(value):
    with pytest.raises(Http404):
        downloads.requested_format(RequestFactory().get("/", {"download": value}))


@pytest.mark.parametrize("request_format", ["csv", "xlsx"])
def test_a_list_downloads_its_columns_with_formulas_neutralised(request_format):
    objects = [
        SimpleNamespace(name="광주정밀", zone=SimpleNamespace(code="honam")),
        SimpleNamespace(name="=HYPERLINK(1)", zone=None),
        SimpleNamespace(name="-3.5", zone=None),
    ]

    response = downloads.list_download(request_format, "things", COLUMNS, objects)

    assert response["Content-Disposition"] == f'attachment; filename="things.{request_format}"'
    assert _rows(response, request_format) == [
        ["name", "zone"],
        ["광주정밀", "honam"],
        ["'=HYPERLINK(1)", ""],
        ["-3.5", ""],
    ]


def test_a_list_longer_than_the_cap_is_refused_with_a_message(monkeypatch):
    monkeypatch.setattr(downloads, "MAX_ROWS", 2)
    objects = [SimpleNamespace(name=str(n), zone=None) for n in range(3)]

    response = downloads.list_download("csv", "things", COLUMNS, objects)

    assert response.status_code == 400
    assert "Content-Disposition" not in response
    assert "2" in response.content.decode()


def test_a_list_as_long_as_the_cap_is_downloaded(monkeypatch):
    monkeypatch.setattr(downloads, "MAX_ROWS", 2)
    objects = [SimpleNamespace(name=str(n), zone=None) for n in range(2)]

    response = downloads.list_download("csv", "things", COLUMNS, objects)

    assert response.status_code == 200
    assert len(_rows(response, "csv")) == 3
