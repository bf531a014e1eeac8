"""`clusterhub import` and `clusterhub export`: JSON report, exit status, dry run, the user."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from clusterhub.directory.models import Organization
from tests import factories as f
from tests.exchange.support import csv_file, run_import

pytestmark = pytest.mark.django_db
HEADER = ["slug", "name_ko", "name_en", "kind", "zone"]


@pytest.fixture
def office():
    f.ZoneFactory(code="capital")
    return f.ProgramOfficeFactory()


def test_json_gives_the_four_keys_and_exit_status_1_on_errors(tmp_path, office):
    rows = [["a", "가", "A", "company", "capital"], ["b", "나", "B", "x", "nowhere"]]
    path = csv_file(tmp_path, HEADER, rows)

    report, status = run_import("organizations", path, office)

    assert status == 1
    assert set(report) == {"created", "updated", "unchanged", "errors"}
    assert {(e["row"], e["column"]) for e in report["errors"]} == {(3, "kind"), (3, "zone")}
    assert set(report["errors"][0]) == {"row", "column", "message"}


def test_a_clean_file_exits_0(tmp_path, office):
    path = csv_file(tmp_path, HEADER, [["a", "가", "A", "company", "capital"]])

    report, status = run_import("organizations", path, office)

    assert status == 0
    assert report == {"created": 1, "updated": 0, "unchanged": 0, "errors": []}


def test_a_dry_run_counts_but_writes_nothing(tmp_path, office):
    path = csv_file(tmp_path, HEADER, [["a", "가", "A", "company", "capital"]])

    report, status = run_import("organizations", path, office, "--dry-run")

    assert (report["created"], status) == (1, 0)
    assert not Organization.objects.exists()


def test_the_text_report_says_when_nothing_changed(tmp_path, office):
    path = csv_file(tmp_path, HEADER, [["a", "가", "A", "company", "capital"]])
    run_import("organizations", path, office)
    out = io.StringIO()

    call_command("import", "organizations", str(path), "--user", office.username, stdout=out)

    assert "Nothing changed" in out.getvalue()
    assert "unchanged 1" in out.getvalue()


def test_the_user_must_exist(tmp_path, office):
    path = csv_file(tmp_path, HEADER, [])

    with pytest.raises(CommandError, match="nobody"):
        call_command("import", "organizations", str(path), "--user", "nobody")


def test_unknown_and_missing_headers_are_errors_of_row_1(tmp_path, office):
    path = csv_file(tmp_path, ["name_ko", "colour"], [["가", "red"]])

    report, status = run_import("organizations", path, office)

    assert status == 1
    assert {(e["row"], e["column"]) for e in report["errors"]} == {(1, "colour"), (1, "slug")}


def test_duplicate_keys_in_one_file_are_refused(tmp_path, office):
    row = ["a", "가", "A", "company", "capital"]
    path = csv_file(tmp_path, HEADER, [row, row])

    report, _ = run_import("organizations", path, office)

    assert [(e["row"], e["column"]) for e in report["errors"]] == [(3, "slug")]


def test_export_writes_csv_to_stdout(office):
    f.OrganizationFactory(slug="acme", name_ko="@risk")
    out = io.StringIO()

    call_command("export", "organizations", stdout=out)

    header, row = out.getvalue().lstrip("\ufeff").splitlines()
    assert header.startswith("slug,name_ko,name_en,kind,zone")
    assert row.startswith("acme,'@risk,")


def test_json_output_is_valid_for_korean_messages(tmp_path, office):
    path = csv_file(tmp_path, HEADER, [["a", "가", "A", "우주선", "capital"]])
    out = io.StringIO()

    with pytest.raises(SystemExit):
        call_command(
            "import", "organizations", str(path), "--user", office.username, "--json", stdout=out
        )

    assert "우주선" in json.loads(out.getvalue())["errors"][0]["message"]
