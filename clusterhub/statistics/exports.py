"""CSV and XLSX downloads of observations, with their provenance on every row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from clusterhub.statistics.models import Observation
from clusterhub.statistics.selectors import Vocabulary


def _header() -> list[str]:
    return [
        _("Document"),
        _("Table"),
        _("Table title"),
        _("Section as printed"),
        _("Row"),
        _("Column"),
        _("Series"),
        _("As printed"),
        _("Value"),
        _("Unit"),
        _("Kind"),
        _("Place"),
        _("Industry"),
        _("Size band"),
        _("Metric"),
        _("Year"),
        _("Note"),
    ]


def _rows(observations: Iterable[Observation], vocabulary: Vocabulary):
    for obs in observations:
        table = obs.table
        yield [
            table.document.file_name,
            table.table_id,
            table.title,
            table.section,
            obs.row_label,
            obs.column_label,
            vocabulary.label("series", obs.series),
            obs.printed,
            obs.value.normalize() if obs.value is not None else None,
            vocabulary.label("unit", obs.unit),
            vocabulary.label("kind", obs.kind),
            vocabulary.label("place", obs.place) if obs.place else "",
            vocabulary.label("industry", obs.industry) if obs.industry else "",
            vocabulary.label("size_band", obs.size_band) if obs.size_band else "",
            vocabulary.label("metric", obs.metric) if obs.metric else "",
            obs.year,
            obs.note,
        ]


def observations_csv(observations: Iterable[Observation], vocabulary: Vocabulary) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs read the Korean correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_header())
    for row in _rows(observations, vocabulary):
        writer.writerow(
            ["" if v is None else f"{v:f}" if hasattr(v, "normalize") else v for v in row]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def observations_xlsx(
    observations: Iterable[Observation], vocabulary: Vocabulary, *, title: str
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31] or "data"
    sheet.append(_header())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(observations, vocabulary):
        sheet.append([float(v) if hasattr(v, "normalize") else v for v in row])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
