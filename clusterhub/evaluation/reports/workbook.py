"""The annual performance report as an Excel workbook, written with openpyxl.

`render_xlsx(data, language)` writes one sheet per part of the report (summary, ranking,
indicators, goals, surveys, stories, sources) with localized sheet names and headings,
numbers as numbers (thousands separators and decimals as number formats), a bold frozen
heading row and fitted column widths. Apart from the file's own save time the output
depends only on the data.
"""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from clusterhub.evaluation.reports import columns as spec
from clusterhub.evaluation.reports.columns import Column, Kind
from clusterhub.evaluation.reports.data import ReportData, pick

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
GROUP_FILL = PatternFill("solid", fgColor="E6EDF5")
DEMO_FILL = PatternFill("solid", fgColor="FFF3CD")
DEMO_FONT = Font(bold=True, color="804400")
HEADER_BORDER = Border(bottom=Side(style="thin", color="1F3A5F"))
WRAP = Alignment(wrap_text=True, vertical="top")
PERCENT_FORMAT = '0.0"%"'
YEAR_FORMAT = "0"  # years, without a thousands separator
KIND_FORMATS = {Kind.PERCENT: PERCENT_FORMAT, Kind.YEAR: YEAR_FORMAT}
MAX_WIDTH = 60
INVALID_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\]")


def _number(value: Decimal | int | None) -> int | float | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    return value


def _number_format(value: Decimal | int | None) -> str:
    """'#,##0' with as many decimals as the Decimal was rounded to."""
    if isinstance(value, Decimal) and value.is_finite():
        places = -value.as_tuple().exponent
        if places > 0:
            return "#,##0." + "0" * places
    return "#,##0"


def _text_width(text: object) -> float:
    """How many character widths a value takes in a cell (Hangul counts double)."""
    if text is None:
        return 0
    longest = 0.0
    for line in str(text).splitlines() or [""]:
        width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        longest = max(longest, width)
    return longest


def _sheet_title(text: str) -> str:
    return INVALID_SHEET_CHARACTERS.sub(" ", text).strip()[:31] or "Sheet"


class _Writer:
    def __init__(self, data: ReportData, language: str) -> None:
        self.data = data
        self.language = language
        self.book = Workbook()
        self.book.remove(self.book.active)

    def pick(self, obj: object, stem: str) -> str:
        return pick(obj, stem, self.language)

    # --- building blocks -----------------------------------------------------------------

    def sheet(self, title: str) -> Worksheet:
        return self.book.create_sheet(_sheet_title(title))

    def header(self, sheet: Worksheet, row: int, labels: Sequence[str]) -> None:
        for column, label in enumerate(labels, start=1):
            cell = sheet.cell(row=row, column=column, value=label)
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.border = HEADER_BORDER
            cell.alignment = Alignment(vertical="center", wrap_text=True)

    def table(self, title: str, columns: list[Column], items: Sequence) -> Worksheet:
        """A sheet with a frozen bold heading row, then one row per item (or "no data"), each
        value formatted as its column's kind asks."""
        columns = spec.workbook_columns(columns)
        sheet = self.sheet(title)
        self.header(sheet, 1, [str(column.heading) for column in columns])
        sheet.freeze_panes = "A2"
        sheet.print_title_rows = "1:1"
        self.rows(sheet, columns, items)
        self.fit_columns(sheet)
        return sheet

    def rows(self, sheet: Worksheet, columns: list[Column], items: Sequence) -> None:
        if not items:
            sheet.cell(row=2, column=1, value=_("No data for this year"))
        for row_number, item in enumerate(items, start=2):
            for column_number, column in enumerate(columns, start=1):
                cell = self.put(sheet, row_number, column_number, column.value(item, self.language))
                if column.kind in KIND_FORMATS:
                    cell.number_format = KIND_FORMATS[column.kind]
        if items:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(items) + 1}"

    def put(self, sheet: Worksheet, row: int, column: int, value: object):
        """Write a value: Decimals become numbers with a matching number format."""
        if isinstance(value, Decimal) or (isinstance(value, int) and not isinstance(value, bool)):
            cell = sheet.cell(row=row, column=column, value=_number(value))
            cell.number_format = _number_format(value)
        else:
            cell = sheet.cell(row=row, column=column, value=value)
        return cell

    def fit_columns(self, sheet: Worksheet, minimum: float = 8) -> None:
        widths: dict[int, float] = {}
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                shown = cell.value
                if isinstance(shown, int | float):
                    shown = f"{shown:,}"
                width = _text_width(shown) + 2 + (cell.alignment.indent or 0)
                widths[cell.column] = max(widths.get(cell.column, minimum), width)
        for column, width in widths.items():
            sheet.column_dimensions[get_column_letter(column)].width = min(width, MAX_WIDTH)

    # --- sheets --------------------------------------------------------------------------

    def summary(self) -> None:
        data = self.data
        sheet = self.sheet(_("Summary"))
        title = _("Annual performance report %(year)s") % {"year": data.year}
        sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
        generated = data.generated_at
        zone = generated.strftime("%Z") if generated.tzinfo else ""
        facts = [
            (_("Reporting year"), data.year),
            (_("Level"), self.pick(data, "level")),
            (_("Index system"), self.pick(data, "system")),
            (_("Generated at"), generated.replace(tzinfo=None)),
        ]
        for offset, (label, value) in enumerate(facts):
            row = 3 + offset
            sheet.cell(row=row, column=1, value=label).font = Font(bold=True)
            cell = sheet.cell(row=row, column=2, value=value)
            cell.alignment = Alignment(horizontal="left")
            if isinstance(value, datetime.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
                if zone:
                    sheet.cell(row=row, column=3, value=zone)
        row = 3 + len(facts)
        if data.contains_demo_data:
            row += 1
            notice = sheet.cell(
                row=row, column=1, value=_("Contains demo data — not real organizations")
            )
            notice.font = DEMO_FONT
            for column in range(1, 5):
                sheet.cell(row=row, column=column).fill = DEMO_FILL
        row += 2
        sheet.cell(row=row, column=1, value=_("Key figures")).font = Font(bold=True, size=12)
        row += 1
        self.header(sheet, row, [_("Figure"), _("Value"), _("Unit"), _("Source")])
        if not data.key_figures:
            sheet.cell(row=row + 1, column=1, value=_("No data for this year"))
        for figure in data.key_figures:
            row += 1
            sheet.cell(row=row, column=1, value=self.pick(figure, "label"))
            self.put(sheet, row, 2, figure.value)
            sheet.cell(row=row, column=3, value=self.pick(figure, "unit"))
            sheet.cell(row=row, column=4, value=self.pick(figure, "source"))
        self.fit_columns(sheet, minimum=12)
        # the title and the demo notice may run over; they should not widen column A
        sheet.column_dimensions["A"].width = min(
            MAX_WIDTH,
            max(
                [14.0]
                + [_text_width(label) + 2 for label, _value in facts]
                + [_text_width(self.pick(f, "label")) + 2 for f in data.key_figures]
            ),
        )

    def scorecards(self) -> None:
        self.table(_("Scorecards"), spec.RANKING, self.data.scorecards)

    def indicators(self) -> None:
        """Every scorecard's lines on one sheet; stages stand out and names indent by depth."""
        columns = spec.workbook_columns(spec.INDICATORS)
        keys = [column.key for column in columns]
        items = [(card, line) for card in self.data.scorecards for line in card.lines]
        sheet = self.sheet(_("Indicators"))
        self.header(sheet, 1, [str(column.heading) for column in columns])
        sheet.freeze_panes = "C2"
        sheet.print_title_rows = "1:1"
        sheet.page_setup.orientation = "landscape"
        self.rows(sheet, columns, items)
        name_column = keys.index("name") + 1
        value_column = keys.index("value") + 1
        for row_number, (_card, line) in enumerate(items, start=2):
            if line.depth == 0:
                for column in range(1, len(columns) + 1):
                    cell = sheet.cell(row=row_number, column=column)
                    cell.fill = GROUP_FILL
                    cell.font = Font(bold=True)
            sheet.cell(row=row_number, column=name_column).alignment = Alignment(
                indent=2 * max(line.depth, 0)
            )
            sheet.cell(row=row_number, column=value_column).alignment = Alignment(
                horizontal="right"
            )
        self.fit_columns(sheet)

    def goals(self) -> None:
        self.table(_("Goals"), spec.GOALS, self.data.goals)

    def surveys(self) -> None:
        self.table(_("Surveys"), spec.SURVEYS, self.data.surveys)

    def stories(self) -> None:
        sheet = self.table(_("Stories"), spec.STORIES, self.data.stories)
        summary = [column.key for column in spec.STORIES].index("summary") + 1
        for row in range(2, len(self.data.stories) + 2):
            sheet.cell(row=row, column=summary).alignment = WRAP

    def sources(self) -> None:
        sources = self.data.sources_ko if self.language.startswith("ko") else self.data.sources_en
        sources = sources or self.data.sources_en or self.data.sources_ko
        self.table(_("Sources"), spec.SOURCES, list(enumerate(sources, start=1)))

    def render(self) -> bytes:
        self.summary()
        self.scorecards()
        self.indicators()
        self.goals()
        self.surveys()
        self.stories()
        self.sources()
        properties = self.book.properties
        properties.title = _("Annual performance report %(year)s") % {"year": self.data.year}
        properties.creator = "Cluster Hub"
        generated = self.data.generated_at
        if generated.tzinfo is not None:
            generated = generated.astimezone(datetime.UTC).replace(tzinfo=None)
        properties.created = generated
        buffer = io.BytesIO()
        self.book.save(buffer)
        return buffer.getvalue()


def render_xlsx(data: ReportData, language: str) -> bytes:
    """The report as an .xlsx workbook, with sheet names and headings in `language`."""
    with translation.override(language):
        return _Writer(data, language).render()
