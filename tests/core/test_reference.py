"""The reference-data load: real data, idempotence, and all-or-nothing on a bad file."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from clusterhub.core.reference import ReferenceDataError
from clusterhub.core.sources import source_loaders
from clusterhub.geography.loading import zones_and_complexes_load
from clusterhub.geography.models import Complex, Zone
from clusterhub.industries.loading import industries_load
from clusterhub.industries.models import Industry
from clusterhub.networks.loading import mini_clusters_load
from clusterhub.networks.models import MiniCluster
from clusterhub.pipeline.loading import support_types_load

pytestmark = pytest.mark.django_db
REFERENCE = Path(settings.DATA_DIR) / "reference"


def reference_load(root: Path) -> None:
    """The reference-data loaders of `load-sources`, in its order, without the statistics."""
    for load in (industries_load, zones_and_complexes_load, mini_clusters_load, support_types_load):
        load(root)


def _snapshot():
    return (
        list(Zone.objects.values_list("code", "name_ko", "name_en", "vision_en")),
        list(Complex.objects.values_list("code", "zone__code", "is_hub", "program_phase")),
        list(MiniCluster.objects.values_list("slug", "hub__code", "name_ko", "name_en")),
        list(Industry.objects.values_list("code", "parent__code", "name_ko")),
    )


def test_the_program_as_the_sources_describe_it():
    reference_load(REFERENCE)
    assert Zone.objects.count() == 7
    assert Complex.objects.filter(program_phase="pilot_2005").count() == 7
    assert Complex.objects.filter(program_phase="added_2008").count() == 5
    # 81 pan-regional mini clusters from 2010 (`003_…` 5.1 and the MINI CLUSTER LIST).
    assert MiniCluster.objects.count() == 81
    gwangju = set(MiniCluster.objects.filter(hub__code="gwangju").values_list("name_en", flat=True))
    assert gwangju == {
        "LED",
        "Photonics application",
        "Photonics communication",
        "Electric parts",
        "Synthetic molds",
        "Industrial machines",
    }
    assert Complex.objects.get(code="gwangju").zone.code == "honam"
    assert set(
        Complex.objects.get(code="gwangju").specialized_industries.values_list("code", flat=True)
    ) == {"photonics"}
    assert Industry.objects.filter(parent__code="photonics").count() == 6


def test_a_second_load_changes_nothing(capsys):
    call_command("load_sources")
    before = _snapshot()
    call_command("load_sources")
    assert "nothing changed" in capsys.readouterr().out
    assert _snapshot() == before


def test_a_bad_row_names_file_and_row_and_leaves_the_database_as_it_was(tmp_path):
    # given a loaded database and a copy of the data with one bad row
    reference_load(REFERENCE)
    before = _snapshot()
    shutil.copytree(REFERENCE, tmp_path / "reference")
    bad = tmp_path / "reference" / "mini_clusters.csv"
    lines = bad.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("ulsan,"))
    lines[index] = lines[index].replace("ulsan", "atlantis", 1)
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "reference" / "zones.csv").write_text(
        (REFERENCE / "zones.csv").read_text(encoding="utf-8").replace("수도권", "바뀐 이름"),
        encoding="utf-8",
    )
    # when
    with pytest.raises(CommandError) as error:
        call_command("load_sources", data_dir=tmp_path)
    # then: the message names the file and the row; the zone rename was rolled back
    assert f"mini_clusters.csv, row {index + 1}" in str(error.value)
    assert "atlantis" in str(error.value)
    assert _snapshot() == before


def test_a_missing_column_is_named(tmp_path):
    shutil.copytree(REFERENCE, tmp_path / "reference")
    path = tmp_path / "reference" / "industries.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("name_en", "english", 1), encoding="utf-8"
    )
    with pytest.raises(ReferenceDataError, match=r"industries\.csv: missing columns name_en"):
        reference_load(tmp_path / "reference")


def test_an_unknown_complex_type_is_named(tmp_path):
    shutil.copytree(REFERENCE, tmp_path / "reference")
    path = tmp_path / "reference" / "complexes.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("unspecified", "lunar", 1), encoding="utf-8"
    )
    with pytest.raises(ReferenceDataError, match=r"complexes.csv, row 2: complex_type 'lunar'"):
        reference_load(tmp_path / "reference")


def test_each_app_registers_its_loader_in_the_order_the_data_needs():
    # industries before the places and mini clusters naming them; statistics before goals
    assert [loader.name for loader in source_loaders()] == [
        "industries",
        "zones and complexes",
        "mini clusters",
        "support types",
        "statistics",
        "index systems",
        "goals",
    ]
