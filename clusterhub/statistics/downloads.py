"""The columns of the source list's download (`clusterhub.core.downloads`): one row per
source table, with its document, as the page lists them."""

from __future__ import annotations

from dataclasses import dataclass

from clusterhub.core.downloads import field
from clusterhub.statistics.models import SourceDocument, SourceTable


@dataclass(frozen=True)
class SourceRow:
    document: SourceDocument
    table: SourceTable


def source_rows(documents) -> list[SourceRow]:
    """The tables of `selectors.document_list()`, in the page's order, each with its document."""
    return [SourceRow(document, table) for document in documents for table in document.tables.all()]


SOURCE_COLUMNS = (
    field("file_name", "document.file_name"),
    field("document_title_ko", "document.title_ko"),
    field("document_title_en", "document.title_en"),
    field("publisher", "document.publisher"),
    field("published", "document.published"),
    field("table_id", "table.table_id"),
    field("title_ko", "table.title_ko"),
    field("title_en", "table.title_en"),
    field("value_count", "table.value_count"),
    field("cell_count", "table.cell_count"),
    field("finding_count", "table.finding_count"),
)
