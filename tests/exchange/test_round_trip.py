"""Export organizations, change some cells, import: exactly those rows update; again: none."""

import csv
import io

import pytest
from django.core.management import call_command

from clusterhub.directory.models import Organization
from clusterhub.exchange.files import read_table
from tests import factories as f
from tests.exchange.support import counts, no_errors, run_import

pytestmark = pytest.mark.django_db


def _export(tmp_path, file_format):
    path = tmp_path / f"organizations.{file_format}"
    call_command("export", "organizations", "--format", file_format, "-o", str(path))
    return path


@pytest.fixture
def directory():
    zone = f.ZoneFactory()
    hub = f.ComplexFactory(zone=zone)
    f.OrganizationFactory(slug="acme", complex=hub, zone=zone, annual_sales_eok="120.5")
    f.OrganizationFactory(slug="beta", complex=hub, zone=zone, name_ko="=HYPERLINK(1)")
    f.OrganizationFactory(slug="gamma", complex=None, zone=zone, founded_year=1999)
    f.OrganizationFactory(slug="delta", complex=hub, zone=zone, email="d@example.org")
    return zone


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_exported_file_imports_back_unchanged(tmp_path, directory, file_format):
    path = _export(tmp_path, file_format)

    report, status = run_import("organizations", path, f.ProgramOfficeFactory())

    no_errors(report)
    assert status == 0
    assert counts(report) == (0, 0, 4)


def test_exactly_the_changed_rows_update_then_nothing_changes(tmp_path, directory):
    # given an export with two rows changed by hand
    path = _export(tmp_path, "csv")
    with path.open("rb") as handle:
        header, *rows = read_table(handle, path.name)
    by_slug = {row[header.index("slug")]: row for row in rows}
    by_slug["acme"][header.index("annual_sales_eok")] = "130"
    by_slug["gamma"][header.index("name_en")] = "Gamma Renamed"
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    office = f.ProgramOfficeFactory()
    # when it is imported twice
    first, _ = run_import("organizations", path, office)
    second, _ = run_import("organizations", path, office)
    # then the two rows update once, and the second import changes nothing
    assert counts(first) == (0, 2, 2)
    assert counts(second) == (0, 0, 4)
    assert str(Organization.objects.get(slug="acme").annual_sales_eok) == "130.0"
    assert Organization.objects.get(slug="gamma").name_en == "Gamma Renamed"
    assert Organization.objects.get(slug="beta").name_ko == "=HYPERLINK(1)"
    assert Organization.objects.get(slug="beta").history.count() == 1
