"""Full-width tables with a navy heading row, their columns sized so that no word splits,
and tables written straight from the report's column spec (`reports.columns`)."""

from __future__ import annotations

from collections.abc import Sequence

from fpdf import FontFace
from fpdf.enums import TableBordersLayout

from clusterhub.evaluation.reports.columns import Column, pdf_columns
from clusterhub.evaluation.reports.pdf.document import (
    CELL_PADDING,
    NAVY,
    RULE,
    STRIPE,
    WHITE,
    ReportDocument,
    ReportPDF,
)


class _TableWithHeading:
    """`with` over an fpdf2 table that writes the heading row first."""

    def __init__(self, manager, heading: Sequence[str]) -> None:
        self.manager = manager
        self.heading = list(heading)

    def __enter__(self):
        table = self.manager.__enter__()
        table.row(self.heading)
        return table

    def __exit__(self, *exc_info):
        return self.manager.__exit__(*exc_info)


def column_widths(
    pdf: ReportPDF, weights: Sequence[float], rows: Sequence[Sequence[str]], size: float
) -> list[float]:
    """Widths in proportion to `weights`, widened where a word would not fit its column.

    The first row is the (bold) heading. Width is taken from the columns that have room
    to spare, so words ("Achievement", "Anonymous") are never split across lines.
    """
    total = sum(weights)
    widths = [weight / total * pdf.epw for weight in weights]
    minimum = [0.0] * len(weights)
    for index, row in enumerate(rows):
        pdf.text_style(size, bold=index == 0)
        for column, text in enumerate(row[: len(weights)]):
            for word in str(text).split():
                minimum[column] = max(minimum[column], pdf.get_string_width(word))
    minimum = [min(width + 2 * CELL_PADDING + 0.6, pdf.epw * 0.4) for width in minimum]
    deficit = sum(max(need - width, 0) for need, width in zip(minimum, widths, strict=True))
    slack = [max(width - need, 0) for need, width in zip(minimum, widths, strict=True)]
    if deficit <= 0 or sum(slack) <= 0:
        return widths
    taken = min(deficit, sum(slack))
    return [
        width + (need - width) * taken / deficit
        if width < need
        else width - taken * spare / sum(slack)
        for width, need, spare in zip(widths, minimum, slack, strict=True)
    ]


def table(
    pdf: ReportPDF,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    size: float = 8.5,
    borders: TableBordersLayout = TableBordersLayout.HORIZONTAL_LINES,
):
    """A full-width table of the columns' headings, repeated after page breaks.

    `rows` are the body's texts, used to size the columns; the caller adds the rows
    (with their own styles if need be) to the table this returns, after the heading.
    """
    heading = [str(column.heading) for column in columns]
    weights = [column.pdf_width for column in columns]
    widths = column_widths(pdf, weights, [heading, *rows], size)
    pdf.text_style(size)
    pdf.set_draw_color(*RULE)
    pdf.set_fill_color(*WHITE)  # the cells' default background
    pdf.set_line_width(0.2)
    manager = pdf.table(
        col_widths=tuple(widths),
        width=pdf.epw,
        text_align=tuple(column.pdf_align for column in columns),
        borders_layout=borders,
        cell_fill_color=STRIPE,
        cell_fill_mode="ROWS",
        headings_style=FontFace(emphasis="BOLD", color=WHITE, fill_color=NAVY),
        line_height=size * 0.5,
        padding=(1.2, CELL_PADDING),
        repeat_headings=1,
        v_align="MIDDLE",
    )
    return _TableWithHeading(manager, heading)


def spec_table(
    document: ReportDocument, columns: Sequence[Column], items: Sequence, *, size: float = 8.5
) -> None:
    """A table with a row per item, in the PDF's columns of a spec."""
    columns = pdf_columns(list(columns))
    rows = [[column.pdf_text(item, document.language) for column in columns] for item in items]
    with table(document.pdf, columns, rows, size=size) as written:
        for row in rows:
            written.row(row)
