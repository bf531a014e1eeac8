"""Every example file of docs/examples imports cleanly, and a second time changes nothing.

The examples use the codes of data/reference (the Changwon hub of the Dongnam zone and its
mechatronics mini cluster); the world here gives those codes to factory objects.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from clusterhub.directory.models import Organization, Person
from clusterhub.exchange.kinds import KINDS
from clusterhub.networks.models import Attendance, MiniClusterMembership, NetworkingActivity
from clusterhub.outcomes.models import OutcomeRecord
from clusterhub.statistics.models import Observation, SourceTable
from tests import factories as f
from tests.exchange.support import counts, no_errors, run_import
from tests.outcomes import factories as of

pytestmark = pytest.mark.django_db
EXAMPLES = Path(settings.BASE_DIR) / "docs" / "examples"


@pytest.fixture
def world():
    zone = f.ZoneFactory(code="dongnam")
    hub = f.ComplexFactory(zone=zone, code="changwon")
    f.IndustryFactory(code="machinery")
    return f.MiniClusterFactory(hub=hub, slug="changwon-mechatronics")


def _twice(kind, name, user, *extra):
    first, status = run_import(kind, EXAMPLES / name, user, *extra)
    no_errors(first)
    assert status == 0
    second, _ = run_import(kind, EXAMPLES / name, user, *extra)
    assert counts(second) == (0, 0, first["created"] + first["updated"] + first["unchanged"])
    return first


def test_the_examples_import_in_order(world):
    office = f.ProgramOfficeFactory()

    assert counts(_twice("organizations", "organizations.csv", office)) == (2, 0, 0)
    korean = _twice("organizations", "organizations-ko.csv", office)
    assert counts(korean) == (0, 0, 1)

    assert counts(_twice("memberships", "memberships.csv", office)) == (2, 0, 0)
    assert MiniClusterMembership.objects.get(organization__slug="keri").role == "supporting"

    assert counts(_twice("activities", "activities.csv", office)) == (2, 0, 0)
    seminar = NetworkingActivity.objects.get(kind="technology_seminar")
    assert (
        Attendance.objects.get(activity=seminar, organization__slug="changwon-precision").headcount
        == 3
    )
    assert seminar.history.get().history_change_reason == "import"

    company = Organization.objects.get(slug="changwon-precision")
    of.completed_application(reference="2024-0001", organization=company, mini_cluster=world)
    assert counts(_twice("outcomes", "outcomes.csv", office)) == (2, 0, 0)
    assert OutcomeRecord.objects.get(metric="sales").history.get().history_user == office

    table = ("--table", "changwon-2024", "--title", "창원 기계산업 통계", "--publisher", "KICOX")
    assert counts(_twice("observations", "observations.csv", office, *table)) == (4, 0, 0)
    imported = SourceTable.objects.select_related("document").get(table_id="changwon-2024")
    assert imported.document.publisher == "KICOX"
    assert imported.document.imported_by == office
    assert imported.document.imported_file == "observations.csv"
    assert Observation.objects.filter(table=imported, kind="target").count() == 1

    assert counts(_twice("people", "people.csv", office)) == (3, 0, 0)
    lee = Person.objects.get(email="lee.jiyoung@keri.example.kr")
    assert lee.affiliations.count() == 2
    assert lee.history.count() == 1
    assert counts(_twice("experts", "experts.csv", office)) == (1, 0, 0)
    assert [i.code for i in lee.expert_profile.industries.all()] == ["machinery"]


def test_every_kind_exports_what_imports_back_unchanged(world, tmp_path):
    # given the examples, imported
    test_the_examples_import_in_order(world)
    office = f.ProgramOfficeFactory()
    table = ("--table", "changwon-2024", "--title", "창원 기계산업 통계", "--publisher", "KICOX")
    for kind in KINDS:
        extra = table if kind == "observations" else ()
        path = tmp_path / f"{kind}.xlsx"
        # when each kind is exported and imported back
        call_command("export", kind, "-o", str(path), *extra[:2])
        report, _ = run_import(kind, path, office, *extra)
        # then nothing changes
        no_errors(report)
        assert report["created"] == report["updated"] == 0, kind
        assert report["unchanged"] > 0, kind
