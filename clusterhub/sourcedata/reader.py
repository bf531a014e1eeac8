"""Read the version-controlled source tables in ``data/sources/``.

Every figure Cluster Hub ships as "real" data comes from one of the seed documents.
``data/sources/manifest.csv`` lists one table per printed table (or group of stated
figures), and ``data/sources/<table_id>.csv`` holds its cells, one cell per row, with
the printed text kept next to the parsed value so that nothing is silently reformatted.

This module only reads and checks the *format*. Whether the numbers agree with each
other (totals, shares, growth rates, the same fact stated twice) is the job of
:mod:`clusterhub.sourcedata.validation`. Format problems are programming or data-entry
mistakes, so they raise :class:`SourceDataError` with the file, the row number (the
header is row 1) and the problem.

Pure standard library on purpose: the data can be checked without Django or a database.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

MANIFEST_FILE = "manifest.csv"
CHECKS_FILE = "checks.csv"
#: Files beside the tables that describe them: the documents and the labels of the codes.
DOCUMENTS_FILE = "documents.csv"
VOCABULARY_FILE = "vocabulary.csv"
NOT_TABLES = (MANIFEST_FILE, CHECKS_FILE, DOCUMENTS_FILE, VOCABULARY_FILE)

MANIFEST_COLUMNS: tuple[str, ...] = (
    "table_id",
    "document",
    "title_ko",
    "title_en",
    "section",
    "default_unit",
    "notes",
)
TABLE_COLUMNS: tuple[str, ...] = (
    "row_label",
    "column_label",
    "value",
    "printed",
    "unit",
    "kind",
    "place",
    "industry",
    "size_band",
    "metric",
    "year",
    "series",
    "note",
)

TEXT_UNIT = "text"
#: Units a cell may carry. Money keeps the source's own scale (no conversion on load).
UNITS: frozenset[str] = frozenset(
    {
        "억원",  # 100 million KRW
        "백만원",  # million KRW
        "조원",  # trillion KRW
        "billion_krw",
        "thousand_usd",
        "million_usd",
        "billion_usd",
        "persons",
        "thousand_persons",
        "count",
        "percent",
        "percentage_points",
        "ratio",
        "index",
        "km2",
        "m2",
        "kw",
        "years",
        "months",
        TEXT_UNIT,
    }
)
KINDS: frozenset[str] = frozenset({"actual", "estimate", "forecast", "target"})

_DECIMAL_RE = re.compile(r"-?\d+(\.\d+)?")
_TABLE_ID_RE = re.compile(r"d(\d{3})_[a-z0-9_]+")
_DOCUMENT_RE = re.compile(r"(\d{3})_[0-9a-f]{16}\.txt")
_SLUG_RE = re.compile(r"[a-z0-9_]+(\.[a-z0-9_]+)*")
#: Separators used by cell references in checks.csv; labels must not contain them.
_RESERVED_IN_LABELS = ("|", " ; ")


class SourceDataError(ValueError):
    """A source file is malformed or a check declaration cannot be evaluated.

    The message always names the file and, where there is one, the row number
    (the CSV header is row 1).
    """


@dataclass(frozen=True)
class TableMeta:
    """One manifest row: where a table comes from and what it is."""

    table_id: str
    document: str
    title_ko: str
    title_en: str
    section: str
    default_unit: str
    notes: str


@dataclass(frozen=True)
class Cell:
    """One printed cell (or one series of a cell that prints two figures).

    ``value`` is ``None`` when the source cell is blank, ``-``, or text (``unit == "text"``,
    with the text in ``note``). ``row`` is the row number in the table's CSV file.
    """

    table_id: str
    row_label: str
    column_label: str
    value: Decimal | None
    printed: str
    unit: str
    kind: str
    place: str
    industry: str
    size_band: str
    metric: str
    year: int | None
    series: str
    note: str
    row: int

    @property
    def key(self) -> tuple[str, str, str]:
        """The identity of a cell inside its table: (row_label, column_label, series)."""
        return (self.row_label, self.column_label, self.series)

    @property
    def is_text(self) -> bool:
        return self.unit == TEXT_UNIT


@dataclass(frozen=True)
class SourceData:
    """All tables of ``data/sources``: the manifest and the cells of every table."""

    root: Path
    tables: dict[str, TableMeta]
    cells: dict[str, tuple[Cell, ...]]
    _index: dict[tuple[str, str, str, str], Cell] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {
            (table_id, *cell.key): cell for table_id, cells in self.cells.items() for cell in cells
        }
        object.__setattr__(self, "_index", index)

    def cell(
        self, table_id: str, row_label: str, column_label: str, series: str = "main"
    ) -> Cell | None:
        """Return the cell with this key, or ``None`` if there is no such cell."""
        return self._index.get((table_id, row_label, column_label, series))

    def document(self, table_id: str) -> str:
        """The seed document a table was taken from."""
        return self.tables[table_id].document

    def all_cells(self) -> list[Cell]:
        return [cell for cells in self.cells.values() for cell in cells]

    @property
    def value_count(self) -> int:
        """Number of cells that carry a numeric value."""
        return sum(1 for cell in self.all_cells() if cell.value is not None)


def _fail(path: Path, row: int | None, problem: str) -> SourceDataError:
    where = f"{path.name}, row {row}" if row is not None else path.name
    return SourceDataError(f"{where}: {problem}")


def read_csv_rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Read a CSV file whose header must be exactly ``columns``; return (row number, row)."""
    if not path.is_file():
        raise SourceDataError(f"{path.name}: file not found ({path})")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            records = list(csv.reader(handle))
    except UnicodeDecodeError as exc:
        raise _fail(path, None, f"not valid UTF-8 ({exc})") from exc
    except csv.Error as exc:
        raise _fail(path, None, f"malformed CSV ({exc})") from exc
    if not records:
        raise _fail(path, None, "empty file, expected a header row")
    header = records[0]
    if tuple(header) != columns:
        unknown = [name for name in header if name not in columns]
        missing = [name for name in columns if name not in header]
        details = []
        if unknown:
            details.append(f"unknown column(s) {unknown}")
        if missing:
            details.append(f"missing column(s) {missing}")
        if not details:
            details.append(f"columns out of order, expected {list(columns)}")
        raise _fail(path, 1, "; ".join(details))
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if not record or all(not value.strip() for value in record):
            continue
        if len(record) != len(columns):
            raise _fail(path, number, f"expected {len(columns)} fields, found {len(record)}")
        if any("\n" in value or "\r" in value for value in record):
            raise _fail(path, number, "line break inside a field")
        rows.append((number, dict(zip(columns, record, strict=True))))
    return rows


def parse_decimal(text: str) -> Decimal:
    """Parse a plain decimal (``-12.5``); commas, signs like ``+`` and exponents are errors."""
    if not _DECIMAL_RE.fullmatch(text):
        raise ValueError(f"not a plain decimal number: {text!r}")
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
        raise ValueError(f"not a decimal number: {text!r}") from exc


def load_manifest(root: Path) -> list[TableMeta]:
    """Read ``manifest.csv`` from ``root`` (the ``data/sources`` directory)."""
    path = Path(root) / MANIFEST_FILE
    metas: list[TableMeta] = []
    seen: dict[str, int] = {}
    for number, row in read_csv_rows(path, MANIFEST_COLUMNS):
        meta = TableMeta(**{name: row[name].strip() for name in MANIFEST_COLUMNS})
        for required in ("table_id", "document", "title_ko", "title_en", "section"):
            if not getattr(meta, required):
                raise _fail(path, number, f"empty {required}")
        id_match = _TABLE_ID_RE.fullmatch(meta.table_id)
        if not id_match:
            raise _fail(path, number, f"table_id {meta.table_id!r} is not snake_case dNNN_...")
        doc_match = _DOCUMENT_RE.fullmatch(meta.document)
        if not doc_match:
            raise _fail(path, number, f"document {meta.document!r} is not a seed file name")
        if id_match.group(1) != doc_match.group(1):
            raise _fail(
                path,
                number,
                f"table_id {meta.table_id!r} is not prefixed by its document "
                f"number d{doc_match.group(1)}",
            )
        if meta.default_unit not in UNITS:
            raise _fail(path, number, f"unknown default_unit {meta.default_unit!r}")
        if meta.table_id in seen:
            raise _fail(
                path,
                number,
                f"duplicate table_id {meta.table_id!r} (first on row {seen[meta.table_id]})",
            )
        seen[meta.table_id] = number
        metas.append(meta)
    return metas


def _check_slug(path: Path, number: int, name: str, text: str, required: bool) -> None:
    if not text:
        if required:
            raise _fail(path, number, f"empty {name}")
        return
    if not _SLUG_RE.fullmatch(text):
        raise _fail(path, number, f"{name} {text!r} is not a lowercase slug")


def _parse_cell(path: Path, table_id: str, number: int, row: dict[str, str]) -> Cell:
    for name in ("row_label", "column_label"):
        label = row[name]
        if not label.strip():
            raise _fail(path, number, f"empty {name}")
        if label != label.strip():
            raise _fail(path, number, f"{name} {label!r} has leading/trailing spaces")
        for reserved in _RESERVED_IN_LABELS:
            if reserved in label:
                raise _fail(path, number, f"{name} {label!r} contains reserved {reserved!r}")
    unit = row["unit"].strip()
    if unit not in UNITS:
        raise _fail(path, number, f"unknown unit {unit!r}")
    kind = row["kind"].strip()
    if kind not in KINDS:
        raise _fail(path, number, f"unknown kind {kind!r} (expected one of {sorted(KINDS)})")
    raw_value = row["value"].strip()
    value: Decimal | None = None
    note = row["note"].strip()
    printed = row["printed"]
    if raw_value:
        if unit == TEXT_UNIT:
            raise _fail(path, number, f"text cell has a value {raw_value!r}")
        try:
            value = parse_decimal(raw_value)
        except ValueError:
            raise _fail(path, number, f"non-numeric value {raw_value!r}") from None
        if not printed.strip():
            raise _fail(path, number, "value given but printed text is empty")
    elif not note:
        problem = (
            "text cell without text in note"
            if unit == TEXT_UNIT
            else ("empty value without a note explaining why")
        )
        raise _fail(path, number, problem)
    raw_year = row["year"].strip()
    year: int | None = None
    if raw_year:
        if not raw_year.isdigit() or not 1900 <= int(raw_year) <= 2100:
            raise _fail(path, number, f"year {raw_year!r} is not a year")
        year = int(raw_year)
    for name in ("place", "industry", "size_band"):
        _check_slug(path, number, name, row[name].strip(), required=False)
    for name in ("metric", "series"):
        _check_slug(path, number, name, row[name].strip(), required=True)
    return Cell(
        table_id=table_id,
        row_label=row["row_label"],
        column_label=row["column_label"],
        value=value,
        printed=printed,
        unit=unit,
        kind=kind,
        place=row["place"].strip(),
        industry=row["industry"].strip(),
        size_band=row["size_band"].strip(),
        metric=row["metric"].strip(),
        year=year,
        series=row["series"].strip(),
        note=note,
        row=number,
    )


def load_table(root: Path, table_id: str) -> list[Cell]:
    """Read ``<table_id>.csv`` from ``root`` and return its cells in file order."""
    path = Path(root) / f"{table_id}.csv"
    cells: list[Cell] = []
    seen: dict[tuple[str, str, str], int] = {}
    for number, row in read_csv_rows(path, TABLE_COLUMNS):
        cell = _parse_cell(path, table_id, number, row)
        if cell.key in seen:
            raise _fail(
                path,
                number,
                f"duplicate cell key {cell.key} (first on row {seen[cell.key]})",
            )
        seen[cell.key] = number
        cells.append(cell)
    if not cells:
        raise _fail(path, None, "table has no rows")
    return cells


def load_all(root: Path) -> SourceData:
    """Read the manifest and every table; manifest and files must match one to one."""
    root = Path(root)
    metas = load_manifest(root)
    listed = {meta.table_id for meta in metas}
    for meta in metas:
        if not (root / f"{meta.table_id}.csv").is_file():
            raise SourceDataError(
                f"{MANIFEST_FILE}: table {meta.table_id!r} is listed but "
                f"{meta.table_id}.csv does not exist"
            )
    for path in sorted(root.glob("*.csv")):
        if path.name in NOT_TABLES:
            continue
        if path.stem not in listed:
            raise SourceDataError(f"{path.name}: file is not listed in {MANIFEST_FILE}")
    tables = {meta.table_id: meta for meta in metas}
    cells = {meta.table_id: tuple(load_table(root, meta.table_id)) for meta in metas}
    return SourceData(root=root, tables=tables, cells=cells)
