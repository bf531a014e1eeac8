"""Tests for clusterhub.sourcedata.validation: each rule finds a planted error exactly once."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from clusterhub.sourcedata import (
    DEFAULT_ROOT,
    CellRef,
    SourceDataError,
    load_all,
    load_checks,
    validate,
)
from clusterhub.sourcedata.reader import MANIFEST_COLUMNS, TABLE_COLUMNS
from clusterhub.sourcedata.validation import CHECK_COLUMNS

DOC = "004_b22f9cd2e0c14898.txt"
T = "d004_tiny"


def _dataset(root: Path, cells: list[tuple[str, str, str, str]], checks: list[list[str]]) -> None:
    """Write a one-table dataset: cells are (row, column, value, unit); checks are CSV rows."""
    with (root / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(MANIFEST_COLUMNS)
        writer.writerow([T, DOC, "작은 표", "Tiny table", "| 표 0 | test (line 1)", "count", ""])
    with (root / f"{T}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(TABLE_COLUMNS)
        for row, column, value, unit in cells:
            writer.writerow(
                [row, column, value, value, unit, "actual", "", "", "", "figure", "", "main", ""]
            )
    with (root / "checks.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CHECK_COLUMNS)
        writer.writerows(checks)


def ref(row: str, column: str) -> str:
    return f"{T}|{row}|{column}"


# rule -> (cells with a consistent target, inputs, tolerance, a wrong target value)
CASES = {
    "sum": (
        [("a", "n", "10", "count"), ("b", "n", "15", "count"), ("total", "n", "25", "count")],
        [ref("a", "n"), ref("b", "n")],
        "0.5",
        "26",
    ),
    "share": (
        [("a", "n", "27", "count"), ("total", "n", "280", "count"), ("a", "%", "9.6", "percent")],
        [ref("a", "n"), ref("total", "n")],
        "0.05",
        "15.4",
    ),
    "growth": (
        [
            ("x", "2018", "23005", "억원"),
            ("x", "2017", "22705", "억원"),
            ("x", "%", "1.3", "percent"),
        ],
        [ref("x", "2018"), ref("x", "2017")],
        "0.05",
        "2.2",
    ),
    "difference": (
        [
            ("x", "2009", "66.6", "percent"),
            ("x", "2004", "55.4", "percent"),
            ("x", "diff", "11.2", "percentage_points"),
        ],
        [ref("x", "2009"), ref("x", "2004")],
        "0.05",
        "2.5",
    ),
    "ratio": (
        [
            ("p", "achieved", "258.2", "billion_usd"),
            ("p", "goal", "253", "billion_usd"),
            ("p", "ratio", "102.1", "percent"),
        ],
        [ref("p", "achieved"), ref("p", "goal")],
        "0.05",
        "135.6",
    ),
    "fold": (
        [
            ("n", "2009", "65056", "persons"),
            ("n", "2005", "23188", "persons"),
            ("n", "times", "2.8", "ratio"),
        ],
        [ref("n", "2009"), ref("n", "2005")],
        "0.05",
        "3",
    ),
    "same_fact": (
        [("t3", "2017", "276", "count"), ("t4", "2017", "276", "count")],
        [ref("t3", "2017")],
        "0",
        "275",
    ),
}


def _target(rule: str) -> tuple[str, str]:
    cells = CASES[rule][0]
    row, column, _, _ = cells[-1]
    return row, column


@pytest.mark.parametrize("rule", sorted(CASES))
def test_consistent_table_has_no_findings(tmp_path, rule):
    cells, inputs, tolerance, _ = CASES[rule]
    target = ref(*_target(rule))
    _dataset(tmp_path, cells, [["c1", rule, T, target, " ; ".join(inputs), tolerance, ""]])
    assert validate(load_all(tmp_path), load_checks(tmp_path)) == []


@pytest.mark.parametrize("rule", sorted(CASES))
def test_planted_error_gives_exactly_one_finding(tmp_path, rule):
    cells, inputs, tolerance, wrong = CASES[rule]
    cells = [*cells[:-1], (*cells[-1][:2], wrong, cells[-1][3])]
    row, column = _target(rule)
    _dataset(
        tmp_path, cells, [["c1", rule, T, ref(row, column), " ; ".join(inputs), tolerance, "n"]]
    )
    findings = validate(load_all(tmp_path), load_checks(tmp_path))
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.check_id, finding.rule, finding.table_id) == ("c1", rule, T)
    assert finding.document == DOC
    assert finding.cell == CellRef(T, row, column, "main")
    assert finding.printed == wrong
    assert finding.printed_value == Decimal(wrong)
    assert finding.difference == finding.printed_value - finding.computed
    assert abs(finding.difference) > finding.tolerance
    assert wrong in finding.message_en
    assert "printed" in finding.message_en
    assert "인쇄된 값" in finding.message_ko
    assert finding.note == "n"


def test_sum_converts_between_scales_of_one_currency(tmp_path):
    cells = [
        ("a", "grant", "436", "thousand_usd"),
        ("b", "grant", "2", "million_usd"),
        ("text", "grant", "2.6", "million_usd"),
    ]
    _dataset(
        tmp_path,
        cells,
        [
            [
                "c1",
                "sum",
                T,
                ref("text", "grant"),
                f"{ref('a', 'grant')} ; {ref('b', 'grant')}",
                "0.05",
                "",
            ]
        ],
    )
    [finding] = validate(load_all(tmp_path), load_checks(tmp_path))
    assert finding.computed == Decimal("2.436")


def test_mixed_units_are_a_declaration_error(tmp_path):
    cells = [("a", "n", "1", "count"), ("b", "n", "2", "persons"), ("t", "n", "3", "count")]
    _dataset(
        tmp_path,
        cells,
        [["c1", "sum", T, ref("t", "n"), f"{ref('a', 'n')} ; {ref('b', 'n')}", "0.5", ""]],
    )
    with pytest.raises(SourceDataError, match=r"checks\.csv, row 2: .*mixes units"):
        validate(load_all(tmp_path), load_checks(tmp_path))


def test_missing_cell_reference_names_checks_file_and_row(tmp_path):
    cells = [("a", "n", "1", "count"), ("t", "n", "1", "count")]
    _dataset(
        tmp_path,
        cells,
        [
            ["ok", "same_fact", T, ref("t", "n"), ref("a", "n"), "0", ""],
            ["bad", "same_fact", T, ref("t", "n"), ref("nope", "n"), "0", ""],
        ],
    )
    with pytest.raises(
        SourceDataError, match=r"checks\.csv, row 3: check 'bad' references missing"
    ):
        validate(load_all(tmp_path), load_checks(tmp_path))


@pytest.mark.parametrize(
    ("check", "message"),
    [
        (["c1", "average", T, ref("t", "n"), ref("a", "n"), "0", ""], "unknown rule 'average'"),
        (["c1", "share", T, ref("t", "n"), ref("a", "n"), "0", ""], "needs exactly 2 inputs"),
        (["c1", "sum", T, ref("t", "n"), ref("a", "n"), "0", ""], "at least 2 inputs"),
        (["c1", "same_fact", T, "d004_tiny|t", ref("a", "n"), "0", ""], "cell reference"),
        (["c1", "same_fact", T, ref("t", "n"), ref("a", "n"), "x", ""], "tolerance 'x'"),
        (["c1", "same_fact", "d004_other", ref("t", "n"), ref("a", "n"), "0", ""], "differs"),
    ],
)
def test_malformed_checks_are_rejected(tmp_path, check, message):
    _dataset(tmp_path, [("a", "n", "1", "count"), ("t", "n", "1", "count")], [check])
    with pytest.raises(SourceDataError) as excinfo:
        load_checks(tmp_path)
    assert "checks.csv, row 2" in str(excinfo.value)
    assert message in str(excinfo.value)


# ---------------------------------------------------------------- the real data
@pytest.fixture(scope="module")
def real_findings():
    return validate(load_all(DEFAULT_ROOT), load_checks(DEFAULT_ROOT))


def test_real_checks_load_and_cover_every_rule():
    rules = {check.rule for check in load_checks(DEFAULT_ROOT)}
    assert rules == {"sum", "share", "growth", "difference", "ratio", "fold", "same_fact"}


def test_validate_real_data_returns_findings_list(real_findings):
    assert isinstance(real_findings, list)
    assert all(finding.message_en and finding.message_ko for finding in real_findings)


def _by_id(findings):
    return {finding.check_id: finding for finding in findings}


def test_known_mistake_004_table_8_shares_2018(real_findings):
    """표 8 prints 15.4% and 11.8% for 27 and 49 of 280 companies (9.6% and 17.5%)."""
    found = _by_id(real_findings)
    top = found["d004_t8_share_2018_sales_10b_plus"]
    assert top.printed_value == Decimal("15.4")
    assert round(top.computed, 2) == Decimal("9.64")
    second = found["d004_t8_share_2018_sales_5b_to_10b"]
    assert second.printed_value == Decimal("11.8")
    assert second.computed == Decimal("17.5")


def test_known_mistake_004_table_4_growth_2017(real_findings):
    """표 4 prints +2.2% for 273 -> 276 companies; the text (line 168) says 1.1%."""
    found = _by_id(real_findings)
    assert round(found["d004_t4_growth_2017_total"].computed, 1) == Decimal("1.1")
    assert "d004_text_vs_t4_growth_2017" in found
    assert "d004_text_growth_companies_2017" not in found


def test_known_mistake_003_production_goal(real_findings):
    """The goal table prints the production goal as 190.4; 102.1% only fits the goal 253."""
    found = _by_id(real_findings)
    assert found["d003_goal_ratio_production"].printed_value == Decimal("102.1")
    assert found["d003_goal_vs_vision_production"].computed == Decimal("253")
    assert "d003_goal_ratio_production_vision_goal" not in found
    assert "d003_goal_ratio_exports" not in found


def test_known_mistake_003_budget_2007(real_findings):
    found = _by_id(real_findings)
    finding = found["d003_budget_year_vs_program_2007"]
    assert (finding.printed_value, finding.computed) == (Decimal("47.1"), Decimal("53.2"))
    assert finding.document == "003_076fb32e6e3be07e.txt"


def test_consistent_real_checks_pass(real_findings):
    declared = {check.check_id for check in load_checks(DEFAULT_ROOT)}
    found = _by_id(real_findings)
    for check_id in (
        "d003_applications_rowsum_all",
        "d003_experts_colsum_subtotal",
        "d003_hubs_plus_spokes",
        "d003_spokes_vs_zone_map",
        "d000_vs_d004_sales_2018",
        "d004_t3_growth_sales_2018",
        "d004_t8_vs_t4_companies_2018",
    ):
        assert check_id in declared
        assert check_id not in found
