"""Reading and writing spreadsheets: encodings, XML and zip bombs, formula injection."""

import io
import zipfile

import openpyxl
import pytest
from defusedxml import DefusedXmlException
from django.utils import translation

from clusterhub.exchange.files import (
    SpreadsheetError,
    neutralise,
    read_table,
    unneutralise,
    write_csv,
    write_xlsx,
)

BILLION_LAUGHS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol4;</t></is></c></row></sheetData>
</worksheet>"""


def _workbook_with(member: str, content: bytes | str) -> io.BytesIO:
    """A valid workbook whose `member` is replaced by `content`."""
    original = io.BytesIO(write_xlsx(["slug"], [["acme"]]))
    crafted = io.BytesIO()
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(crafted, "w") as target:
        for info in source.infolist():
            data = content if info.filename == member else source.read(info.filename)
            target.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    crafted.seek(0)
    return crafted


def test_csv_is_read_with_or_without_a_byte_order_mark():
    plain = io.BytesIO("slug,name_ko\nacme,에이크미\n".encode())
    with_bom = io.BytesIO("\ufeffslug,name_ko\nacme,에이크미\n".encode())

    expected = [["slug", "name_ko"], ["acme", "에이크미"]]
    assert list(read_table(plain, "a.csv")) == expected
    assert list(read_table(with_bom, "a.csv")) == expected


def test_a_file_that_is_not_utf8_is_refused():
    with pytest.raises(SpreadsheetError):
        read_table(io.BytesIO("이름\n".encode("cp949")), "a.csv")


def test_an_xlsx_round_trips_its_text_cells():
    content = write_xlsx(["slug", "founded_year"], [["acme", "2001"]])

    assert list(read_table(io.BytesIO(content), "a.xlsx")) == [
        ["slug", "founded_year"],
        ["acme", "2001"],
    ]


def test_an_xml_bomb_in_an_xlsx_is_refused():
    # given a workbook whose sheet declares nested entities (the "billion laughs")
    bomb = _workbook_with("xl/worksheets/sheet1.xml", BILLION_LAUGHS)
    # then reading it is refused by defusedxml, not expanded
    with translation.override("en"), pytest.raises(SpreadsheetError, match="refused") as refused:
        read_table(bomb, "bomb.xlsx")
    causes = []
    cause = refused.value.__cause__
    while cause is not None:
        causes.append(cause)
        cause = cause.__cause__ or cause.__context__
    assert any(isinstance(c, DefusedXmlException) for c in causes)


def test_a_zip_bomb_in_an_xlsx_is_refused():
    bomb = _workbook_with("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))

    with translation.override("en"), pytest.raises(SpreadsheetError, match="too much data"):
        read_table(bomb, "bomb.xlsx")


@pytest.mark.parametrize("text", ["=1+2", "+cmd", "-2+3", "@SUM(A1)", '=HYPERLINK("x")'])
def test_formula_cells_are_neutralised_and_restored(text):
    assert neutralise(text) == "'" + text
    assert unneutralise(neutralise(text)) == text


@pytest.mark.parametrize("text", ["-3.5", "+82", "acme", "'quoted", ""])
def test_numbers_and_plain_text_are_left_alone(text):
    assert neutralise(text) == text
    assert unneutralise(text) == text


def test_exported_files_hold_no_formula():
    rows = [["=cmd|' /C calc'!A0"]]
    csv_text = write_csv(["name_ko"], rows).decode("utf-8-sig")
    sheet = openpyxl.load_workbook(io.BytesIO(write_xlsx(["name_ko"], rows))).active

    assert csv_text.splitlines()[1].startswith("'=")
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].value.startswith("'=")
