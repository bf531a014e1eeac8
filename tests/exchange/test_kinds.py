"""Each kind other than organizations: updates, refusals, and errors by row and column."""

import datetime

import pytest

from clusterhub.directory.models import ExpertProfile, Person
from clusterhub.networks.models import Attendance, MiniClusterMembership
from clusterhub.outcomes.models import OutcomeRecord
from clusterhub.statistics.models import Observation
from tests import factories as f
from tests.exchange.support import counts, csv_file, no_errors, run_import
from tests.outcomes import factories as of

pytestmark = pytest.mark.django_db


@pytest.fixture
def mini_cluster():
    return f.MiniClusterFactory(slug="mecha")


# ---------------------------------------------------------------- memberships


def test_a_membership_row_ends_a_membership_and_says_updated(tmp_path, mini_cluster):
    membership = f.MembershipFactory(mini_cluster=mini_cluster, organization__slug="acme")
    staff = f.RegionalStaffFactory(zone=mini_cluster.hub.zone)
    path = csv_file(
        tmp_path,
        ["mini_cluster", "organization", "joined_on", "left_on"],
        [["mecha", "acme", "2024-03-01", "2025-06-30"]],
    )

    report, _ = run_import("memberships", path, staff)

    assert counts(report) == (0, 1, 0)
    membership.refresh_from_db()
    assert membership.left_on == datetime.date(2025, 6, 30)
    assert membership.history.first().history_change_reason == "import"


def test_a_membership_that_ends_before_it_starts_is_refused_by_the_model(tmp_path, mini_cluster):
    f.OrganizationFactory(slug="acme")
    path = csv_file(
        tmp_path,
        ["mini_cluster", "organization", "joined_on", "left_on"],
        [["mecha", "acme", "2024-03-01", "2023-01-01"], ["mecha", "nobody", "2024-03-01", ""]],
    )

    report, status = run_import("memberships", path, f.ProgramOfficeFactory())

    assert status == 1
    assert [(e["row"], e["column"]) for e in report["errors"]] == [
        (2, "mini_cluster,organization,joined_on"),
        (3, "organization"),
    ]
    assert not MiniClusterMembership.objects.exists()


def test_staff_of_another_zone_may_not_import_a_mini_clusters_members(tmp_path, mini_cluster):
    f.OrganizationFactory(slug="acme")
    path = csv_file(
        tmp_path, ["mini_cluster", "organization", "joined_on"], [["mecha", "acme", "2024-03-01"]]
    )

    report, status = run_import("memberships", path, f.RegionalStaffFactory())

    assert status == 1
    assert report["errors"][0]["column"] == "mini_cluster"


# ---------------------------------------------------------------- activities


def test_a_changed_attendance_list_replaces_the_old_one(tmp_path, mini_cluster):
    activity = f.ActivityFactory(mini_cluster=mini_cluster, title_ko="포럼", held_on="2025-05-20")
    acme = f.OrganizationFactory(slug="acme")
    f.OrganizationFactory(slug="beta")
    Attendance.objects.create(activity=activity, organization=acme)
    header = ["mini_cluster", "held_on", "title_ko", "kind", "attendance"]
    path = csv_file(tmp_path, header, [["mecha", "2025-05-20", "포럼", "forum", "acme; beta:4"]])
    office = f.ProgramOfficeFactory()

    first, _ = run_import("activities", path, office)
    second, _ = run_import("activities", path, office)

    assert counts(first) == (0, 1, 0)
    assert counts(second) == (0, 0, 1)
    assert {(a.organization.slug, a.headcount) for a in activity.attendances.all()} == {
        ("acme", 1),
        ("beta", 4),
    }


def test_an_unknown_attendee_names_the_attendance_column(tmp_path, mini_cluster):
    header = ["mini_cluster", "held_on", "title_ko", "kind", "attendance"]
    path = csv_file(tmp_path, header, [["mecha", "2025-05-20", "포럼", "forum", "ghost"]])

    report, status = run_import("activities", path, f.ProgramOfficeFactory())

    assert status == 1
    assert report["errors"][0]["row"] == 2
    assert report["errors"][0]["column"] == "attendance"
    assert "ghost" in report["errors"][0]["message"]


# ---------------------------------------------------------------- outcome records


def test_a_changed_outcome_value_updates_the_record(tmp_path):
    project = of.completed_application(on=datetime.date(2025, 3, 15), reference="P-1")
    project.organization.slug = "acme"
    project.organization.save()
    office = f.ProgramOfficeFactory()
    header = ["application", "organization", "metric", "period", "value"]
    first = csv_file(tmp_path, header, [["P-1", "acme", "sales", "baseline", "1200"]], "a.csv")
    second = csv_file(tmp_path, header, [["P-1", "acme", "sales", "baseline", "1300.5"]], "b.csv")

    created, _ = run_import("outcomes", first, office)
    updated, _ = run_import("outcomes", second, office)

    assert counts(created) == (1, 0, 0)
    assert counts(updated) == (0, 1, 0)
    record = OutcomeRecord.objects.get()
    assert str(record.value) == "1300.5"
    assert record.history.first().history_change_reason == "import"


def test_a_period_not_yet_due_is_refused_in_the_period_column(tmp_path):
    project = f.ApplicationFactory(reference="P-2", state="execution")
    header = ["application", "organization", "metric", "period", "value"]
    path = csv_file(tmp_path, header, [["P-2", project.organization.slug, "sales", "plus_1", "5"]])

    report, status = run_import("outcomes", path, f.ProgramOfficeFactory())

    assert status == 1
    assert report["errors"][0]["column"] == "period"


def test_a_company_member_may_not_report_another_companys_figures(tmp_path):
    project = of.completed_application(on=datetime.date(2025, 3, 15), reference="P-3")
    outsider = f.CompanyMemberFactory()
    header = ["application", "organization", "metric", "period", "value"]
    path = csv_file(
        tmp_path, header, [["P-3", project.organization.slug, "sales", "baseline", "1"]]
    )

    report, status = run_import("outcomes", path, outsider)

    assert status == 1
    assert report["errors"][0]["column"] == "organization"


# ---------------------------------------------------------------- statistics observations

HEADER = ["place", "industry", "metric", "year", "value", "unit"]
TABLE = ("--table", "imported-1", "--title", "Imported figures", "--publisher", "KOSIS")


def test_a_corrected_figure_updates_its_observation(tmp_path):
    office = f.ProgramOfficeFactory()
    first = csv_file(tmp_path, HEADER, [["gumi", "electronics", "exports", "2024", "10", "musd"]])
    run_import("observations", first, office, *TABLE)
    second = csv_file(
        tmp_path, HEADER, [["gumi", "electronics", "exports", "2024", "12.5", "musd"]], "b.csv"
    )

    report, _ = run_import("observations", second, office, *TABLE)

    no_errors(report)
    assert counts(report) == (0, 1, 0)
    observation = Observation.objects.get(table__table_id="imported-1")
    assert str(observation.value) == "12.500000"
    assert observation.table.document.imported_file == "b.csv"


def test_observations_need_the_table_options_and_the_program_office(tmp_path):
    path = csv_file(tmp_path, HEADER, [["gumi", "", "exports", "2024", "10", "musd"]])

    missing, _ = run_import("observations", path, f.ProgramOfficeFactory())
    refused, _ = run_import("observations", path, f.RegionalStaffFactory(), *TABLE)

    assert {e["column"] for e in missing["errors"]} == {"--table", "--title"}
    assert refused["errors"][0]["row"] == 1
    assert not Observation.objects.exists()


def test_a_table_of_the_loaded_sources_cannot_be_imported_into(tmp_path):
    loaded = f.SourceTableFactory(table_id="d000_results")
    path = csv_file(tmp_path, HEADER, [["gumi", "", "exports", "2024", "10", "musd"]])

    report, status = run_import(
        "observations", path, f.ProgramOfficeFactory(), "--table", loaded.table_id, "--title", "x"
    )

    assert status == 1
    assert report["errors"][0]["column"] == "--table"


# ---------------------------------------------------------------- people and experts

PEOPLE = ["email", "organization", "name_ko", "name_en", "position_en"]


def test_a_new_position_updates_the_affiliation_only(tmp_path):
    office = f.ProgramOfficeFactory()
    f.OrganizationFactory(slug="acme")
    first = csv_file(tmp_path, PEOPLE, [["k@x.kr", "acme", "김", "Kim", "Engineer"]], "a.csv")
    second = csv_file(tmp_path, PEOPLE, [["k@x.kr", "acme", "김", "Kim", "CTO"]], "b.csv")
    run_import("people", first, office)

    report, _ = run_import("people", second, office)

    assert counts(report) == (0, 1, 0)
    person = Person.objects.get(email="k@x.kr")
    assert person.affiliations.get().position_en == "CTO"
    assert person.history.count() == 1


def test_staff_of_another_zone_may_not_import_an_organizations_people(tmp_path):
    f.OrganizationFactory(slug="acme")
    path = csv_file(tmp_path, PEOPLE, [["k@x.kr", "acme", "김", "Kim", ""]])

    report, status = run_import("people", path, f.RegionalStaffFactory())

    assert status == 1
    assert report["errors"][0]["column"] == "organization"


def test_an_expert_needs_a_known_person_and_the_program_office(tmp_path):
    header = ["person", "field", "industries"]
    path = csv_file(tmp_path, header, [["ghost@x.kr", "technology", "C26"]])

    unknown, _ = run_import("experts", path, f.ProgramOfficeFactory())
    refused, _ = run_import("experts", path, f.RegionalStaffFactory())

    assert (unknown["errors"][0]["row"], unknown["errors"][0]["column"]) == (2, "person")
    assert refused["errors"][0]["row"] == 1
    assert not ExpertProfile.objects.exists()
