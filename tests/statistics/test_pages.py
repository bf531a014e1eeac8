"""The data-source pages and the explorer, on the real data, in both languages."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from clusterhub.statistics.models import SourceTable

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def sources(module_transaction):
    """The real sources, loaded once for the module."""
    call_command("load_sources", verbosity=0)


def _url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("language", ["ko", "en"])
def test_gwangju_photonics_companies_1999_to_2021(client, sources, language):
    # when
    response = client.get(
        _url("statistics:explorer", language),
        {"place": "gwangju", "industry": "photonics", "metric": "companies"},
    )
    # then every year 1999–2021 that a source states is a column, with its value
    years = response.context["years"]
    assert years[0] == 1999
    assert 2021 in years
    values = {  # all companies: the lines without a sales band
        year: point.value
        for line in response.context["lines"]
        if line.key[3] == ""
        for year, point in line.points.items()
    }
    assert values[1999] == 47
    assert values[2012] == 360
    assert values[2021] == 310
    assert ("광주" if language == "ko" else "Gwangju") in response.content.decode()


@pytest.mark.parametrize("language", ["ko", "en"])
def test_gwangju_photonics_sales_by_subsector_2017_to_2019(client, sources, language):
    response = client.get(
        _url("statistics:explorer", language),
        {"place": "gwangju", "industry": "photonics", "metric": "sales", "by": "subsector"},
    )
    lines = response.context["lines"]
    assert response.context["years"] == [2017, 2018, 2019]
    subsectors = {line.key[5] for line in lines}
    assert len(subsectors) == 6
    forecasts = {line.points[2019].kind for line in lines}
    assert forecasts == {"forecast"}
    body = response.content.decode()
    assert ("광통신" if language == "ko" else "Optical communication") in body
    assert ("전망" if language == "ko" else "Forecast") in body


def test_the_explorer_carries_its_chart_data_without_inline_script(client, sources):
    body = client.get(reverse("statistics:explorer")).content.decode()
    assert 'id="explorer-chart-data" type="application/json"' in body
    assert "vendor/chartjs/chart.umd.min" in body


def test_htmx_changes_return_the_explorer_body_only(client, sources):
    response = client.get(
        reverse("statistics:explorer"), {"place": "korea", "metric": ""}, HTTP_HX_REQUEST="true"
    )
    assert "<html" not in response.content.decode()
    assert response.context["lines"] == []


def test_a_table_page_shows_provenance_values_and_findings(client, sources):
    table = SourceTable.objects.get(table_id="d004_t8_sales_bands")
    body = client.get(table.get_absolute_url()).content.decode()
    assert "004_b22f9cd2e0c14898.txt" in body
    assert "15.4" in body
    assert table.findings.exists()
    for finding in table.findings.all():
        assert finding.printed in body


def test_downloads_open_and_keep_korean_labels(client, sources):
    table = SourceTable.objects.get(table_id="d004_t3_photonics_by_year")
    csv_response = client.get(
        reverse("statistics:table_download", kwargs={"table_id": table.table_id, "fmt": "csv"})
    )
    text = csv_response.content.decode("utf-8-sig")
    assert "매출액 (억원)" in text
    assert "004_b22f9cd2e0c14898.txt" in text
    xlsx_response = client.get(
        reverse("statistics:table_download", kwargs={"table_id": table.table_id, "fmt": "xlsx"})
    )
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    assert sheet.max_row == table.observations.count() + 1
    assert any("매출액" in str(cell.value) for cell in sheet["E"])


def test_explorer_download_contains_the_selection(client, sources):
    response = client.get(
        reverse("statistics:explorer_download", kwargs={"fmt": "csv"}),
        {"place": "gwangju", "industry": "photonics", "metric": "companies"},
    )
    rows = response.content.decode("utf-8-sig").splitlines()
    assert len(rows) > 10
    assert all("업체" in row or "companies" in row.lower() for row in rows[1:])


def test_an_unknown_download_format_is_404(client, sources):
    response = client.get(
        reverse(
            "statistics:table_download",
            kwargs={"table_id": "d004_t3_photonics_by_year", "fmt": "pdf"},
        )
    )
    assert response.status_code == 404


def test_source_list_queries_do_not_grow_with_tables(
    client, sources, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        client.get(reverse("statistics:source_list"))


def test_parallel_figures_in_parentheses_are_shown_on_request(client, sources):
    selection = {"place": "gwangju", "industry": "photonics", "metric": "sales", "by": "subsector"}
    main_only = client.get(reverse("statistics:explorer"), selection).context["lines"]
    both = client.get(reverse("statistics:explorer"), {**selection, "series": "all"})
    assert {line.key[2] for line in main_only} == {"main"}
    assert {line.key[2] for line in both.context["lines"]} == {"main", "parenthesized"}
    assert len(both.context["lines"]) == 2 * len(main_only)
