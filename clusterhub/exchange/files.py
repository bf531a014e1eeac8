"""Spreadsheets in and out: CSV (UTF-8, with or without BOM) and XLSX, read as text cells.

XLSX files are zip archives of XML. openpyxl parses them with defusedxml when it is
installed (it is a dependency), which refuses entity declarations (the "billion laughs");
before that we refuse archives whose members would unpack to more than `MAX_UNPACKED_BYTES`
or compress suspiciously well (a zip bomb), since defusedxml does not look at the zip.

Formula injection: the writers (`clusterhub.core.downloads`, shared with every list page's
download) give a cell that a spreadsheet would run as a formula a leading apostrophe; on
import that apostrophe is taken off again, so an exported file imports back unchanged.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterator
from typing import BinaryIO

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.xml import DEFUSEDXML

from clusterhub.core.downloads import FORMULA_STARTS, as_text, neutralise, write_csv, write_xlsx

MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200


__all__ = [
    "SpreadsheetError",
    "as_text",
    "neutralise",
    "read_table",
    "unneutralise",
    "write_csv",
    "write_xlsx",
]


class SpreadsheetError(ValueError):
    """The file cannot be read as a table: wrong format, bad encoding, a refused archive."""


def unneutralise(text: str) -> str:
    """Undo `neutralise`: the apostrophe it adds before a formula character."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def read_table(handle: BinaryIO, name: str) -> Iterator[list[str]]:
    """The rows of a CSV or XLSX file as lists of text cells, the header first."""
    if name.lower().endswith(".xlsx"):
        return _read_xlsx(handle)
    if name.lower().endswith(".csv"):
        return _read_csv(handle)
    raise SpreadsheetError(_("Upload a .csv or .xlsx file."))


def _read_csv(handle: BinaryIO) -> Iterator[list[str]]:
    try:
        text = handle.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpreadsheetError(_("The CSV file is not UTF-8 text.")) from exc
    return iter(csv.reader(io.StringIO(text, newline="")))


def _check_archive(handle: BinaryIO) -> None:
    try:
        archive = zipfile.ZipFile(handle)
    except zipfile.BadZipFile as exc:
        raise SpreadsheetError(_("The XLSX file is not a valid workbook.")) from exc
    unpacked = 0
    for member in archive.infolist():
        unpacked += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if unpacked > MAX_UNPACKED_BYTES or (
            member.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO
        ):
            raise SpreadsheetError(_("The XLSX file unpacks to too much data; it was refused."))
    handle.seek(0)


def _read_xlsx(handle: BinaryIO) -> Iterator[list[str]]:
    if not DEFUSEDXML:  # pragma: no cover - defusedxml is a dependency
        raise SpreadsheetError(_("XLSX import needs defusedxml."))
    _check_archive(handle)
    try:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        rows = [
            [_cell_text(value) for value in row]
            for row in workbook.worksheets[0].iter_rows(values_only=True)
        ]
        workbook.close()
    except SpreadsheetError:
        raise
    except Exception as exc:  # defusedxml, zip and XML errors: all mean "not a workbook"
        raise SpreadsheetError(
            _("The XLSX file could not be read safely; it was refused.")
        ) from exc
    return iter(rows)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
