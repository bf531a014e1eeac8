"""`load-sources` and `validate-sources` on the real data and on corrupted copies."""

import io
import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from clusterhub.geography.models import Zone
from clusterhub.sourcedata import load_all
from clusterhub.statistics.models import Observation, SourceFinding, SourceTable, Term

pytestmark = pytest.mark.django_db
DATA = Path(settings.DATA_DIR)


def _content():
    return (
        list(
            Observation.objects.order_by("table__table_id", "source_row").values_list(
                "table__table_id",
                "row_label",
                "column_label",
                "series",
                "value",
                "printed",
                "unit",
                "kind",
                "place",
                "industry",
                "size_band",
                "metric",
                "year",
                "note",
            )
        ),
        list(
            SourceFinding.objects.order_by("check_id").values_list(
                "check_id", "printed", "computed", "message_en"
            )
        ),
        list(
            SourceTable.objects.order_by("table_id").values_list("table_id", "title_en", "section")
        ),
        list(Term.objects.values_list("dimension", "code", "name_ko", "name_en")),
    )


def test_every_table_and_value_is_loaded_with_its_provenance():
    call_command("load_sources", verbosity=0)
    data = load_all(DATA / "sources")
    assert SourceTable.objects.count() == len(data.tables)
    assert Observation.objects.count() == sum(len(cells) for cells in data.cells.values())
    assert not Observation.objects.filter(unit="").exists()
    assert not SourceTable.objects.filter(document__file_name="").exists()
    # every code shown to a user has a label in both languages
    for dimension in ("place", "industry", "metric", "size_band", "unit", "kind", "series"):
        used = set(Observation.objects.exclude(**{dimension: ""}).values_list(dimension, flat=True))
        labelled = set(Term.objects.filter(dimension=dimension).values_list("code", flat=True))
        assert used <= labelled, f"{dimension}: {sorted(used - labelled)} have no label"


def test_a_second_load_changes_nothing():
    call_command("load_sources", verbosity=0)
    before = _content()
    out = io.StringIO()
    call_command("load_sources", stdout=out)
    assert "nothing changed" in out.getvalue()
    assert _content() == before


def test_a_corrupted_file_names_file_and_row_and_changes_nothing(tmp_path):
    # given a loaded database, and a copy of the data with a bad number in one table
    call_command("load_sources", verbosity=0)
    before = (_content(), list(Zone.objects.values_list("code", "name_ko")))
    shutil.copytree(DATA, tmp_path / "data")
    (tmp_path / "data/reference/zones.csv").write_text(
        (DATA / "reference/zones.csv").read_text(encoding="utf-8").replace("수도권", "바뀐 권역"),
        encoding="utf-8",
    )
    table = tmp_path / "data/sources/d004_t3_photonics_by_year.csv"
    lines = table.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",13079,", ",13O79,")
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # when
    with pytest.raises(CommandError) as error:
        call_command("load_sources", data_dir=tmp_path / "data", verbosity=0)
    # then the message names the file and the row, and nothing changed (zones included)
    assert "d004_t3_photonics_by_year.csv" in str(error.value)
    assert "row 4" in str(error.value)
    assert (_content(), list(Zone.objects.values_list("code", "name_ko"))) == before


def test_validate_sources_reports_findings_and_exits_cleanly():
    out = io.StringIO()
    call_command("validate_sources", stdout=out)
    text = out.getvalue()
    assert "findings from" in text
    # 004 표 8: 2018 shares printed 15.4% for 27 of 280 companies
    assert "d004_t8" in text


def test_validate_sources_json_names_document_table_cell_and_rule():
    out = io.StringIO()
    call_command("validate_sources", json=True, stdout=out)
    report = json.loads(out.getvalue())
    assert report["checks"] > 300
    finding = report["findings"][0]
    assert set(finding) >= {
        "document",
        "table",
        "row",
        "column",
        "printed",
        "recomputed_or_other",
        "rule",
        "message_en",
        "message_ko",
    }


def test_validate_sources_fails_only_when_data_cannot_be_read(tmp_path):
    shutil.copytree(DATA / "sources", tmp_path / "sources")
    (tmp_path / "sources" / "manifest.csv").write_text("not,a,manifest\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"manifest\.csv"):
        call_command("validate_sources", data_dir=tmp_path / "sources")
