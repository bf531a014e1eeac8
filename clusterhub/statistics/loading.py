"""Load `data/sources/` into the database: documents, tables, observations, terms, findings.

Idempotent: rows are matched on their natural keys (document file, table id, the cell's
row/column/series labels, a term's dimension and code) and only differences are written;
cells that disappeared from a file are deleted. Tables imported by people (`clusterhub import
observations`) are sources of their own and left alone. Transactional: the caller wraps the whole
load in one transaction, and any unreadable file raises `SourceDataError` naming the file
and row before anything is written.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from clusterhub.core.reference import LoadReport
from clusterhub.sourcedata import SourceDataError, load_all, load_checks, validate
from clusterhub.statistics.models import (
    Observation,
    SourceDocument,
    SourceFinding,
    SourceTable,
    Term,
)

DOCUMENT_COLUMNS = (
    "document",
    "title_ko",
    "title_en",
    "publisher",
    "published",
    "language",
    "description_en",
)
TERM_COLUMNS = ("dimension", "code", "name_ko", "name_en")
# Findings store differences at the precision of their columns.
_SIX = Decimal("0.000001")


def _read(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    if not path.exists():
        raise SourceDataError(f"{path}: file not found")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(columns) - set(reader.fieldnames or ())
        if missing:
            raise SourceDataError(f"{path}: missing columns {', '.join(sorted(missing))}")
        rows = []
        for number, row in enumerate(reader, start=2):
            if None in row:
                raise SourceDataError(f"{path}, row {number}: more fields than columns")
            rows.append((number, {k: (v or "").strip() for k, v in row.items()}))
        return rows


def _sync(
    model,
    key_fields: tuple[str, ...],
    wanted: dict[tuple, dict],
    existing_qs,
    report: LoadReport,
    kind: str,
) -> dict[tuple, object]:
    """Make the rows of `existing_qs` equal `wanted` (key → field values); returns key → row."""
    existing = {tuple(getattr(obj, f) for f in key_fields): obj for obj in existing_qs}
    to_create, to_update, changed_fields = [], [], set()
    for key, values in wanted.items():
        obj = existing.get(key)
        if obj is None:
            to_create.append(model(**dict(zip(key_fields, key, strict=True)), **values))
            continue
        differing = [name for name, value in values.items() if getattr(obj, name) != value]
        if differing:
            for name in differing:
                setattr(obj, name, values[name])
            changed_fields.update(differing)
            to_update.append(obj)
    stale = [obj.pk for key, obj in existing.items() if key not in wanted]
    if stale:
        model.objects.filter(pk__in=stale).delete()
    model.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        model.objects.bulk_update(to_update, sorted(changed_fields), batch_size=500)
    report.record(kind, "created", len(to_create))
    report.record(kind, "updated", len(to_update))
    report.record(kind, "deleted", len(stale))
    report.record(kind, "unchanged", len(wanted) - len(to_create) - len(to_update))
    result = {k: v for k, v in existing.items() if k in wanted}
    result.update({tuple(getattr(o, f) for f in key_fields): o for o in to_create})
    return result


@transaction.atomic
def sources_load(root: Path) -> LoadReport:
    """Load every table of `root` (normally `data/sources`) with its findings."""
    report = LoadReport()
    # Read and validate everything before writing anything.
    data = load_all(root)
    findings = validate(data, load_checks(root))
    documents = _read(root / "documents.csv", DOCUMENT_COLUMNS)
    terms = _read(root / "vocabulary.csv", TERM_COLUMNS)
    described = {row["document"] for _, row in documents}
    for table in data.tables.values():
        if table.document not in described:
            raise SourceDataError(
                f"{root / 'manifest.csv'}: table {table.table_id} cites {table.document}, "
                f"which documents.csv does not describe"
            )

    document_rows = _sync(
        SourceDocument,
        ("file_name",),
        {
            (row["document"],): {
                "title_ko": row["title_ko"],
                "title_en": row["title_en"],
                "publisher": row["publisher"],
                "published": row["published"],
                "language": row["language"],
                "description": row["description_en"],
            }
            for _, row in documents
        },
        SourceDocument.objects.filter(imported_at__isnull=True),
        report,
        "source documents",
    )
    table_rows = _sync(
        SourceTable,
        ("table_id",),
        {
            (meta.table_id,): {
                "document": document_rows[(meta.document,)],
                "position": position,
                "title_ko": meta.title_ko,
                "title_en": meta.title_en,
                "section": meta.section,
                "default_unit": meta.default_unit,
                "notes": meta.notes,
            }
            for position, meta in enumerate(data.tables.values())
        },
        SourceTable.objects.filter(document__imported_at__isnull=True).select_related("document"),
        report,
        "source tables",
    )
    wanted_observations = {}
    for table_id, cells in data.cells.items():
        table = table_rows[(table_id,)]
        for cell in cells:
            wanted_observations[(table.pk, cell.row_label, cell.column_label, cell.series)] = {
                "source_row": cell.row,
                "value": cell.value,
                "printed": cell.printed,
                "unit": cell.unit,
                "kind": cell.kind,
                "place": cell.place,
                "industry": cell.industry,
                "size_band": cell.size_band,
                "metric": cell.metric,
                "year": cell.year,
                "note": cell.note,
            }
    _sync(
        Observation,
        ("table_id", "row_label", "column_label", "series"),
        wanted_observations,
        Observation.objects.filter(table__document__imported_at__isnull=True),
        report,
        "observations",
    )
    _sync(
        Term,
        ("dimension", "code"),
        {
            (row["dimension"], row["code"]): {"name_ko": row["name_ko"], "name_en": row["name_en"]}
            for _, row in terms
        },
        Term.objects.all(),
        report,
        "terms",
    )
    _sync(
        SourceFinding,
        ("check_id",),
        {
            (finding.check_id,): {
                "table": table_rows[(finding.table_id,)],
                "rule": finding.rule,
                "row_label": finding.cell.row_label,
                "column_label": finding.cell.column_label,
                "series": finding.cell.series,
                "printed": finding.printed,
                "printed_value": finding.printed_value,
                "computed": finding.computed.quantize(_SIX),
                "difference": finding.difference.quantize(_SIX),
                "tolerance": finding.tolerance,
                "message_ko": finding.message_ko,
                "message_en": finding.message_en,
                "note": finding.note,
            }
            for finding in findings
        },
        SourceFinding.objects.select_related("table"),
        report,
        "source findings",
    )
    return report
