"""Export a kind as CSV or XLSX with the columns its importer reads, so a file imports back.

Headers are the columns' names (the API's field names); values are written as the importer
parses them (codes for references, ISO dates, plain decimals), neutralised against formula
injection by the shared writers of `clusterhub.core.downloads`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from clusterhub.core.downloads import CONTENT_TYPES, FORMATS, as_text, write_csv, write_xlsx
from clusterhub.exchange.kinds import importer_class

__all__ = ["CONTENT_TYPES", "FORMATS", "export_file", "export_table"]


def export_table(
    kind: str,
    *,
    objects: Iterable | None = None,
    columns: Sequence[str] | None = None,
    table_id: str | None = None,
) -> tuple[list[str], Iterable[list[str]]]:
    """The header and rows of `objects` (default: every row of the kind; for observations,
    those of the imported table `table_id` if given)."""
    importer = importer_class(kind)
    header = list(columns or [column.name for column in importer.columns])
    if objects is not None:
        source = objects
    elif table_id:
        source = importer.export_queryset(table_id=table_id)
    else:
        source = importer.export_queryset()

    def rows():
        for obj in source:
            values = importer.export_row(obj)
            yield [as_text(values[name]) for name in header]

    return header, rows()


def export_file(kind: str, file_format: str, **options) -> bytes:
    header, rows = export_table(kind, **options)
    if file_format == "xlsx":
        return write_xlsx(header, rows)
    return write_csv(header, rows)
