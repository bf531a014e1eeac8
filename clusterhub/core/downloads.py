"""A list page as a file: `?download=csv` or `?download=xlsx` on the page's own URL.

Every list page answers its download itself, after its own permission check and with its
own filters, so a file never holds a row the page would not show and needs no URL (or
permission rule) of its own. The view passes the whole filtered list, not one page of it;
`MAX_ROWS` bounds a download, and a longer list is refused with a message asking for
narrower filters rather than cut short without a word.

The writers are shared with the import and export of the exchange app:
- CSV is UTF-8 with a byte-order mark, so spreadsheet programs open Korean text correctly;
- XLSX holds text cells (numbers and dates as their text, as the CSV has them);
- formula injection: a cell that starts with `= + - @` (or a tab or carriage return) is run
  as a formula by spreadsheet programs; such text gets a leading apostrophe, the spreadsheet
  convention for "this is text". Plain numbers such as `-3.5` are left as they are.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import openpyxl
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_ROWS = 50_000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def neutralise(text: str) -> str:
    """Make a cell that a spreadsheet would run as a formula read as text."""
    if text.startswith(FORMULA_STARTS) and not _NUMBER.match(text):
        return "'" + text
    return text


def as_text(value) -> str:
    """A field value as the text a cell holds: ISO dates, plain decimals, empty for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def write_csv(header: list[str], rows: Iterable[list[str]]) -> bytes:
    """A UTF-8 CSV with a BOM of text cells, each neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(header: list[str], rows: Iterable[list[str]]) -> bytes:
    """An XLSX workbook of text cells, each neutralised."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header)
    for row in rows:
        sheet.append([neutralise(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def requested_format(request: HttpRequest) -> str | None:
    """The format `?download=` asks for, None for the page itself; 404 for an unknown one."""
    if "download" not in request.GET:
        return None
    request_format = request.GET["download"]
    if request_format not in FORMATS:
        raise Http404
    return request_format


def download_response(
    request_format: str, filename: str, header: list[str], rows: Sequence[Sequence[Any]]
) -> HttpResponse:
    """The rows as an attachment `filename.<format>`; a list longer than MAX_ROWS is refused.

    `rows` is sliced, so a queryset (or a lazy sequence over one) fetches at most one row
    more than the cap."""
    if request_format not in FORMATS:
        raise Http404
    rows = list(rows[: MAX_ROWS + 1])
    if len(rows) > MAX_ROWS:
        message = _(
            "This list has more than %(count)s rows, too many for one download. "
            "Narrow the filters and download again."
        ) % {"count": f"{MAX_ROWS:,}"}
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    cells = ([as_text(value) for value in row] for row in rows)
    writer = write_xlsx if request_format == "xlsx" else write_csv
    response = HttpResponse(writer(header, cells), content_type=CONTENT_TYPES[request_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{request_format}"'
    return response


@dataclass(frozen=True)
class Column:
    """A column of a list's download: its header (a field name) and how a row gives its value."""

    name: str
    value: Callable[[Any], Any]


def field(name: str, path: str | None = None) -> Column:
    """A column read along a dotted attribute path (`hub.zone.code`); None past a missing link.

    A path ending in a method (`get_state_display`) is called."""
    steps = (path or name).split(".")

    def value(obj):
        for step in steps:
            if obj is None:
                return None
            obj = getattr(obj, step)
        return obj() if callable(obj) else obj

    return Column(name, value)


class _Rows(Sequence):
    """The cells of `objects` row by row, computed as the download reads them."""

    def __init__(self, columns: Sequence[Column], objects: Sequence):
        self.columns, self.objects = columns, objects

    def __len__(self) -> int:
        return len(self.objects)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return _Rows(self.columns, self.objects[index])
        obj = self.objects[index]
        return [column.value(obj) for column in self.columns]

    def __iter__(self):
        for obj in self.objects:
            yield [column.value(obj) for column in self.columns]


def list_download(
    request_format: str, filename: str, columns: Sequence[Column], objects: Sequence
) -> HttpResponse:
    """`objects` (a queryset or a list, already filtered and in scope) as a file of `columns`."""
    header = [column.name for column in columns]
    return download_response(request_format, filename, header, _Rows(columns, objects))
