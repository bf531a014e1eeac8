"""Recompute the derived figures the sources print and report where they disagree.

The seed documents print totals, shares, growth rates, achievement ratios and
"n-fold" claims, and they state some facts twice (in two tables, or in a table and
in the running text, or in two documents). ``data/sources/checks.csv`` declares each
such relation once; :func:`validate` recomputes it from the loaded cells.

A disagreement between the source and the recomputation is a *finding*: the sources
contain mistakes, and Cluster Hub must show them, never hide or "fix" them. Findings
are returned, not raised. A check that cannot be evaluated (it names a cell that does
not exist, a text cell, or mixes units) is a mistake in ``checks.csv`` itself and raises
:class:`~clusterhub.sourcedata.reader.SourceDataError` naming the file and row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .reader import (
    CHECKS_FILE,
    TEXT_UNIT,
    Cell,
    SourceData,
    SourceDataError,
    parse_decimal,
    read_csv_rows,
)

CHECK_COLUMNS: tuple[str, ...] = (
    "check_id",
    "rule",
    "table_id",
    "target",
    "inputs",
    "tolerance",
    "note",
)
RULES: frozenset[str] = frozenset(
    {"sum", "share", "growth", "difference", "ratio", "fold", "same_fact"}
)
_TWO_INPUTS = frozenset({"share", "growth", "difference", "ratio", "fold"})
_PERCENT_RESULT = frozenset({"share", "growth", "ratio"})
_HUNDRED = Decimal(100)

#: Units that measure the same quantity at different scales: unit -> (dimension, factor).
#: Any other unit only matches itself.
_SCALES: dict[str, tuple[str, Decimal]] = {
    "백만원": ("krw", Decimal(10) ** 6),
    "억원": ("krw", Decimal(10) ** 8),
    "billion_krw": ("krw", Decimal(10) ** 9),
    "조원": ("krw", Decimal(10) ** 12),
    "thousand_usd": ("usd", Decimal(10) ** 3),
    "million_usd": ("usd", Decimal(10) ** 6),
    "billion_usd": ("usd", Decimal(10) ** 9),
    "persons": ("persons", Decimal(1)),
    "thousand_persons": ("persons", Decimal(10) ** 3),
    "percent": ("percent", Decimal(1)),
    "percentage_points": ("percent", Decimal(1)),
}

_RULE_EN = {
    "sum": "the sum of its {n} inputs is {c}",
    "share": "the share {a} / {b} x 100 is {c}",
    "growth": "the growth rate ({a} - {b}) / {b} x 100 is {c}",
    "difference": "the difference {a} - {b} is {c}",
    "ratio": "the ratio {a} / {b} x 100 is {c}",
    "fold": "the multiple {a} / {b} is {c}",
    "same_fact": "the same fact is printed as {a} at {where}",
}
_RULE_KO = {
    "sum": "입력값 {n}개의 합계 {c}",
    "share": "비중 {a} / {b} x 100 = {c}",
    "growth": "증가율 ({a} - {b}) / {b} x 100 = {c}",
    "difference": "차이 {a} - {b} = {c}",
    "ratio": "비율 {a} / {b} x 100 = {c}",
    "fold": "배수 {a} / {b} = {c}",
    "same_fact": "{where}에 기재된 값 {a}",
}
_HEAD_KO = {
    "same_fact": "같은 사실이 다른 곳에 다른 값으로 기재되어 있습니다",
}
_DEFAULT_HEAD_KO = "인쇄된 값과 재계산한 값이 다릅니다"


@dataclass(frozen=True)
class CellRef:
    """A reference ``table_id|row_label|column_label|series`` (series defaults to main)."""

    table_id: str
    row_label: str
    column_label: str
    series: str = "main"

    @classmethod
    def parse(cls, text: str) -> CellRef:
        parts = text.strip().split("|")
        if len(parts) not in (3, 4) or not all(part.strip() for part in parts):
            raise ValueError(
                f"cell reference {text!r} is not table_id|row_label|column_label[|series]"
            )
        series = parts[3] if len(parts) == 4 else "main"
        return cls(parts[0].strip(), parts[1], parts[2], series.strip())

    def __str__(self) -> str:
        return f"{self.table_id}|{self.row_label}|{self.column_label}|{self.series}"


@dataclass(frozen=True)
class Check:
    """One row of ``checks.csv``; ``row`` is its row number (header = row 1)."""

    check_id: str
    rule: str
    table_id: str
    target: CellRef
    inputs: tuple[CellRef, ...]
    tolerance: Decimal
    note: str
    row: int


@dataclass(frozen=True)
class Finding:
    """A printed figure that disagrees with its recomputation (or its restatement)."""

    check_id: str
    rule: str
    document: str
    table_id: str
    cell: CellRef
    printed: str
    printed_value: Decimal
    computed: Decimal
    difference: Decimal
    tolerance: Decimal
    message_en: str
    message_ko: str
    note: str


def load_checks(root: Path) -> list[Check]:
    """Read ``checks.csv`` from ``root``; malformed declarations raise SourceDataError."""
    path = Path(root) / CHECKS_FILE
    checks: list[Check] = []
    seen: dict[str, int] = {}

    def fail(number: int, problem: str) -> SourceDataError:
        return SourceDataError(f"{CHECKS_FILE}, row {number}: {problem}")

    for number, row in read_csv_rows(path, CHECK_COLUMNS):
        check_id = row["check_id"].strip()
        if not check_id:
            raise fail(number, "empty check_id")
        if check_id in seen:
            raise fail(number, f"duplicate check_id {check_id!r} (first on row {seen[check_id]})")
        seen[check_id] = number
        rule = row["rule"].strip()
        if rule not in RULES:
            raise fail(number, f"unknown rule {rule!r} (expected one of {sorted(RULES)})")
        try:
            target = CellRef.parse(row["target"])
            inputs = tuple(CellRef.parse(text) for text in row["inputs"].split(" ; "))
        except ValueError as exc:
            raise fail(number, str(exc)) from None
        if rule in _TWO_INPUTS and len(inputs) != 2:
            raise fail(number, f"rule {rule!r} needs exactly 2 inputs, found {len(inputs)}")
        if rule == "sum" and len(inputs) < 2:
            raise fail(number, "rule 'sum' needs at least 2 inputs")
        if target.table_id != row["table_id"].strip():
            raise fail(
                number,
                f"table_id {row['table_id']!r} differs from the target's table {target.table_id!r}",
            )
        try:
            tolerance = parse_decimal(row["tolerance"].strip())
        except ValueError:
            raise fail(number, f"tolerance {row['tolerance']!r} is not a decimal") from None
        if tolerance < 0:
            raise fail(number, "negative tolerance")
        checks.append(
            Check(
                check_id=check_id,
                rule=rule,
                table_id=target.table_id,
                target=target,
                inputs=inputs,
                tolerance=tolerance,
                note=row["note"].strip(),
                row=number,
            )
        )
    return checks


def _scale(unit: str) -> tuple[str, Decimal]:
    return _SCALES.get(unit, (unit, Decimal(1)))


def _convert(cell: Cell, to_unit: str, check: Check) -> Decimal:
    """Express ``cell``'s value in ``to_unit`` (only between scales of one dimension)."""
    assert cell.value is not None
    source_dim, source_factor = _scale(cell.unit)
    target_dim, target_factor = _scale(to_unit)
    if source_dim != target_dim:
        raise SourceDataError(
            f"{CHECKS_FILE}, row {check.row}: check {check.check_id!r} mixes units "
            f"{cell.unit!r} ({cell.table_id} row {cell.row}) and {to_unit!r}"
        )
    return cell.value * source_factor / target_factor


def _resolve(data: SourceData, check: Check, ref: CellRef) -> Cell:
    cell = data.cell(ref.table_id, ref.row_label, ref.column_label, ref.series)
    if cell is None:
        raise SourceDataError(
            f"{CHECKS_FILE}, row {check.row}: check {check.check_id!r} references "
            f"missing cell {ref}"
        )
    if cell.unit == TEXT_UNIT or cell.value is None:
        raise SourceDataError(
            f"{CHECKS_FILE}, row {check.row}: check {check.check_id!r} references "
            f"{ref}, which has no numeric value"
        )
    return cell


def _compute(check: Check, target: Cell, inputs: Sequence[Cell]) -> Decimal:
    """Recompute the target from the inputs according to the check's rule."""
    rule = check.rule
    if rule in ("sum", "difference", "same_fact"):
        values = [_convert(cell, target.unit, check) for cell in inputs]
        if rule == "sum":
            return sum(values, Decimal(0))
        if rule == "difference":
            return values[0] - values[1]
        assert target.value is not None
        return max(values, key=lambda value: abs(value - target.value))
    first, second = inputs
    a = first.value
    b = _convert(second, first.unit, check)
    assert a is not None
    if b == 0:
        raise SourceDataError(
            f"{CHECKS_FILE}, row {check.row}: check {check.check_id!r} divides by zero "
            f"({second.table_id} row {second.row})"
        )
    if rule in _PERCENT_RESULT and _scale(target.unit)[0] != "percent":
        raise SourceDataError(
            f"{CHECKS_FILE}, row {check.row}: rule {rule!r} needs a percent target, "
            f"found {target.unit!r}"
        )
    if rule in ("share", "ratio"):
        return a / b * _HUNDRED
    if rule == "growth":
        return (a - b) / b * _HUNDRED
    return a / b  # fold


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _plain(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros (16771.00 -> 16771)."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def _show(cell: Cell, unit: str) -> str:
    """A cell's value for a message, with its unit when it differs from ``unit``."""
    assert cell.value is not None
    text = _plain(cell.value)
    return text if cell.unit == unit else f"{text} {cell.unit}"


def _messages(
    check: Check, target: Cell, inputs: Sequence[Cell], computed: Decimal, shown: Decimal
) -> tuple[str, str]:
    """Explain a finding in English and Korean, with the values that were compared."""
    assert target.value is not None
    same_scale = check.rule in ("sum", "difference", "same_fact")
    unit = target.unit if same_scale else inputs[0].unit
    parts = {"n": len(inputs), "c": _plain(shown), "a": _show(inputs[0], unit), "where": ""}
    if check.rule == "same_fact":
        differing = next(cell for cell in inputs if _convert(cell, target.unit, check) == computed)
        parts["a"] = _show(differing, unit)
        parts["where"] = f"{differing.table_id} [{differing.row_label} / {differing.column_label}]"
    elif len(inputs) > 1:
        parts["b"] = _show(inputs[1], unit)
    where = f"{target.table_id} [{target.row_label} / {target.column_label}"
    where += "]" if target.series == "main" else f" / {target.series}]"
    printed = _plain(target.value)
    cell_text = target.printed.strip()
    quoted = f' in the printed cell "{cell_text}"' if cell_text != printed else ""
    quoted_ko = f' (인쇄된 칸 "{cell_text}")' if cell_text != printed else ""
    difference = _plain(target.value - shown)
    message_en = (
        f"{where}: printed {printed} {target.unit}{quoted}, but "
        f"{_RULE_EN[check.rule].format(**parts)}; difference {difference}, "
        f"tolerance {check.tolerance}."
    )
    message_ko = (
        f"{where}: {_HEAD_KO.get(check.rule, _DEFAULT_HEAD_KO)}. 인쇄된 값 {printed} "
        f"{target.unit}{quoted_ko}, {_RULE_KO[check.rule].format(**parts)}, "
        f"차이 {difference}, 허용오차 {check.tolerance}."
    )
    return message_en, message_ko


def validate(data: SourceData, checks: Sequence[Check]) -> list[Finding]:
    """Evaluate every check; return one Finding per check whose target disagrees."""
    findings: list[Finding] = []
    for check in checks:
        target = _resolve(data, check, check.target)
        inputs = [_resolve(data, check, ref) for ref in check.inputs]
        computed = _compute(check, target, inputs)
        assert target.value is not None
        difference = target.value - computed
        if abs(difference) <= check.tolerance:
            continue
        shown = computed.quantize(Decimal(1).scaleb(-(_places(target.value) + 2)))
        message_en, message_ko = _messages(check, target, inputs, computed, shown)
        findings.append(
            Finding(
                check_id=check.check_id,
                rule=check.rule,
                document=data.document(target.table_id),
                table_id=target.table_id,
                cell=CellRef(target.table_id, target.row_label, target.column_label, target.series),
                printed=target.printed,
                printed_value=target.value,
                computed=computed,
                difference=difference,
                tolerance=check.tolerance,
                message_en=message_en,
                message_ko=message_ko,
                note=check.note,
            )
        )
    return findings
