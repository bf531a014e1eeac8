"""Importing organizations: created, updated, unchanged; all or nothing; Korean headers."""

import pytest

from clusterhub.directory.models import Organization
from tests import factories as f
from tests.exchange.support import counts, csv_file, no_errors, run_import

pytestmark = pytest.mark.django_db

HEADER = ["slug", "name_ko", "name_en", "kind", "zone", "complex", "industry", "founded_year"]


@pytest.fixture
def place():
    zone = f.ZoneFactory(code="capital")
    return zone, f.ComplexFactory(zone=zone, code="banwol"), f.IndustryFactory(code="C26")


def test_a_new_file_creates_then_a_second_import_changes_nothing(tmp_path, place):
    # given
    office = f.ProgramOfficeFactory()
    path = csv_file(
        tmp_path,
        HEADER,
        [
            ["acme", "에이크미", "Acme", "company", "", "banwol", "C26", "2001"],
            ["kaist", "카이스트", "KAIST", "university", "capital", "", "", ""],
        ],
    )
    # when
    first, status = run_import("organizations", path, office)
    second, _ = run_import("organizations", path, office)
    # then
    no_errors(first)
    assert status == 0
    assert counts(first) == (2, 0, 0)
    assert counts(second) == (0, 0, 2)
    acme = Organization.objects.get(slug="acme")
    assert acme.zone.code == "capital"
    assert acme.founded_year == 2001
    assert acme.history.get().history_change_reason == "import"
    assert acme.history.get().history_user == office


def test_a_changed_cell_updates_only_its_row(tmp_path, place):
    office = f.ProgramOfficeFactory()
    zone, hub, _ = place
    f.OrganizationFactory(slug="acme", name_ko="에이크미", complex=hub, zone=zone)
    f.OrganizationFactory(slug="beta", name_ko="베타", complex=hub, zone=zone)
    path = csv_file(
        tmp_path, ["slug", "name_ko"], [["acme", "에이크미 주식회사"], ["beta", "베타"]]
    )

    report, _ = run_import("organizations", path, office)

    assert counts(report) == (0, 1, 1)
    acme = Organization.objects.get(slug="acme")
    assert acme.name_ko == "에이크미 주식회사"
    assert acme.history.first().history_change_reason == "import"


def test_korean_headers_are_accepted(tmp_path, place):
    office = f.ProgramOfficeFactory()
    path = csv_file(
        tmp_path,
        ["슬러그", "이름(한국어)", "이름(영어)", "유형", "광역경제권"],
        [["acme", "에이크미", "Acme", "기업", "capital"]],
    )

    report, _ = run_import("organizations", path, office)

    no_errors(report)
    assert counts(report) == (1, 0, 0)
    assert Organization.objects.get(slug="acme").kind == "company"


def test_one_bad_row_writes_nothing_and_names_row_column_and_problem(tmp_path, place):
    office = f.ProgramOfficeFactory()
    path = csv_file(
        tmp_path,
        HEADER,
        [
            ["acme", "에이크미", "Acme", "company", "capital", "", "", ""],
            ["beta", "베타", "Beta", "spaceship", "capital", "", "", "soon"],
            ["gamma", "감마", "Gamma", "company", "nowhere", "", "", ""],
        ],
    )

    report, status = run_import("organizations", path, office)

    assert status == 1
    assert not Organization.objects.filter(slug__in=["acme", "beta", "gamma"]).exists()
    where = {(e["row"], e["column"]) for e in report["errors"]}
    assert where == {(3, "kind"), (3, "founded_year"), (4, "zone")}
    assert all(e["message"] for e in report["errors"])


def test_the_models_validation_runs_on_every_row(tmp_path, place):
    office = f.ProgramOfficeFactory()
    path = csv_file(
        tmp_path,
        ["slug", "name_ko", "name_en", "kind", "zone", "website"],
        [["not a slug", "에이", "A", "company", "capital", "not a url"]],
    )

    report, status = run_import("organizations", path, office)

    assert status == 1
    assert {(e["row"], e["column"]) for e in report["errors"]} == {(2, "slug"), (2, "website")}


def test_regional_staff_may_import_only_their_zones_rows(tmp_path, place):
    zone, _, _ = place
    staff = f.RegionalStaffFactory(zone=zone)
    elsewhere = f.ZoneFactory(code="honam")
    path = csv_file(
        tmp_path,
        ["slug", "name_ko", "name_en", "kind", "zone"],
        [
            ["ours", "우리", "Ours", "company", "capital"],
            ["theirs", "남", "Theirs", "company", "honam"],
        ],
    )

    report, status = run_import("organizations", path, staff)

    assert status == 1
    assert [(e["row"], e["column"]) for e in report["errors"]] == [(3, "zone")]
    assert elsewhere.organizations.count() == 0
