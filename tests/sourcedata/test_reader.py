"""Tests for clusterhub.sourcedata.reader: the real data loads, and format errors are clear."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from clusterhub.sourcedata import (
    DEFAULT_ROOT,
    UNITS,
    SourceDataError,
    load_all,
    load_manifest,
    load_table,
)
from clusterhub.sourcedata.reader import MANIFEST_COLUMNS, NOT_TABLES, TABLE_COLUMNS

DOC = "004_b22f9cd2e0c14898.txt"
SEEDS = ("000", "001", "002", "003", "004")


# ---------------------------------------------------------------- the real data
@pytest.fixture(scope="module")
def data():
    return load_all(DEFAULT_ROOT)


def test_real_data_loads_and_has_values(data):
    assert len(data.tables) >= 40
    assert data.value_count > 1000


def test_manifest_and_files_agree():
    listed = {meta.table_id for meta in load_manifest(DEFAULT_ROOT)}
    files = {path.stem for path in DEFAULT_ROOT.glob("*.csv") if path.name not in NOT_TABLES}
    assert listed == files


def test_every_document_is_covered(data):
    covered = {meta.document[:3] for meta in data.tables.values()}
    assert covered == set(SEEDS)


def test_every_table_has_rows_with_document_and_unit(data):
    for table_id, cells in data.cells.items():
        assert cells, table_id
        assert data.document(table_id).endswith(".txt")
        assert data.tables[table_id].section
        for cell in cells:
            assert cell.unit in UNITS
            assert cell.table_id == table_id


def test_cells_are_frozen_with_decimal_values(data):
    cell = data.cell("d004_t3_photonics_by_year", "업체수 (개)", "1999 (육성이전)")
    assert cell is not None
    assert cell.value == Decimal("47")
    assert cell.printed == "47"
    with pytest.raises(AttributeError):
        cell.value = Decimal("1")  # type: ignore[misc]


def test_parenthesized_series_and_forecasts_in_004(data):
    main = data.cell("d004_t5_sales_by_subsector", "광통신", "2017년 매출액 (억원)")
    paren = data.cell(
        "d004_t5_sales_by_subsector", "광통신", "2017년 매출액 (억원)", "parenthesized"
    )
    assert (main.value, paren.value) == (Decimal("4430"), Decimal("3148"))
    assert main.printed == paren.printed == "4,430 (3,148)"
    forecast = data.cell("d004_t7_sales_total", "매출액 (억원)", "2019년 (전망)")
    assert forecast.kind == "forecast"
    actual = data.cell("d004_t7_sales_total", "매출액 (억원)", "2018년")
    assert actual.kind == "actual"


def test_blank_source_cells_are_empty_with_a_note(data):
    cell = data.cell("d004_t4_companies_by_subsector", "광통신", "2017년 증가율 (%)")
    assert cell.value is None
    assert cell.printed == "-"
    assert cell.note


def test_mini_cluster_list_matches_the_printed_total(data):
    names = [c for c in data.cells["d003_mini_cluster_list"] if c.column_label == "Name of MC"]
    printed_total = data.cell("d003_mc_changes_2010", "Size: Total", "Pan Regional MC (2010 ~)")
    assert len(names) == printed_total.value == 81


def test_text_cells_keep_their_text_in_note(data):
    for cell in data.all_cells():
        if cell.is_text:
            assert cell.value is None
            assert cell.note


# ---------------------------------------------------------------- format errors
HEADER = ",".join(TABLE_COLUMNS)


def _write(root: Path, rows: list[str], table_id: str = "d004_tiny") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    with (root / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(MANIFEST_COLUMNS)
        writer.writerow(
            [table_id, DOC, "작은 표", "Tiny table", "| 표 0 | test (line 1)", "count", ""]
        )
    path = root / f"{table_id}.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


GOOD = [
    "a,2017,1,1,count,actual,gwangju,photonics,,companies,2017,main,",
    "a,2018,2,2,count,actual,gwangju,photonics,,companies,2018,main,",
]


def test_tiny_table_loads(tmp_path):
    _write(tmp_path, GOOD)
    data = load_all(tmp_path)
    assert [cell.value for cell in data.cells["d004_tiny"]] == [Decimal(1), Decimal(2)]
    assert [cell.row for cell in data.cells["d004_tiny"]] == [2, 3]


def test_bad_number_names_file_and_row(tmp_path):
    rows = [*GOOD, 'a,2019,"1,136","1,136",count,actual,,,,companies,2019,main,']
    _write(tmp_path, rows)
    with pytest.raises(SourceDataError, match=r"d004_tiny\.csv, row 4: non-numeric value '1,136'"):
        load_all(tmp_path)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("a,2019,3,3,dollars,actual,,,,companies,2019,main,", "unknown unit 'dollars'"),
        ("a,2019,3,3,count,guess,,,,companies,2019,main,", "unknown kind 'guess'"),
        ("a,2018,3,3,count,actual,,,,companies,2018,main,", "duplicate cell key"),
        ("a,2019,,-,count,actual,,,,companies,2019,main,", "empty value without a note"),
        ("a|b,2019,3,3,count,actual,,,,companies,2019,main,", "reserved '|'"),
        ("a,2019,3,3,count,actual,,,,companies,19,main,", "year '19'"),
        ("a,2019,3,3,text,actual,,,,name,,main,x", "text cell has a value"),
        ("a,2019,3,3,count,actual,Gwangju,,,companies,2019,main,", "not a lowercase slug"),
        ("a,2019,3,3,count,actual,,,,companies,2019,main", "expected 13 fields, found 12"),
    ],
)
def test_row_errors_name_file_and_row(tmp_path, row, message):
    _write(tmp_path, [*GOOD, row])
    with pytest.raises(SourceDataError) as excinfo:
        load_table(tmp_path, "d004_tiny")
    assert "d004_tiny.csv, row 4" in str(excinfo.value)
    assert message in str(excinfo.value)


def test_unknown_column_is_reported(tmp_path):
    path = _write(tmp_path, GOOD)
    text = path.read_text(encoding="utf-8").replace("note", "remark", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(
        SourceDataError, match=r"d004_tiny\.csv, row 1: unknown column\(s\) \['remark'\]"
    ):
        load_all(tmp_path)


def test_table_in_manifest_without_file(tmp_path):
    path = _write(tmp_path, GOOD)
    path.unlink()
    with pytest.raises(SourceDataError, match=r"manifest\.csv: table 'd004_tiny' is listed"):
        load_all(tmp_path)


def test_file_not_in_manifest(tmp_path):
    _write(tmp_path, GOOD)
    (tmp_path / "d004_orphan.csv").write_text(HEADER + "\n", encoding="utf-8")
    with pytest.raises(SourceDataError, match=r"d004_orphan\.csv: file is not listed"):
        load_all(tmp_path)


def test_manifest_table_id_must_match_document(tmp_path):
    _write(tmp_path, GOOD, table_id="d003_tiny")
    with pytest.raises(SourceDataError, match=r"manifest\.csv, row 2: .*d004"):
        load_manifest(tmp_path)


def test_empty_table_is_an_error(tmp_path):
    _write(tmp_path, [])
    with pytest.raises(SourceDataError, match="no rows"):
        load_table(tmp_path, "d004_tiny")
