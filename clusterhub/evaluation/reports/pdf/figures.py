"""The key figures: one box per headline number of the year, with its unit and source."""

from __future__ import annotations

from django.utils.translation import gettext as _

from clusterhub.evaluation.reports.data import KeyFigure
from clusterhub.evaluation.reports.numbers import format_number
from clusterhub.evaluation.reports.pdf.document import (
    ACCENT,
    MARGIN,
    MUTED,
    NAVY,
    PANEL,
    TEXT,
    ReportDocument,
    fit_text,
    wrap_text,
)


def key_figures(document: ReportDocument) -> None:
    """The year's headline numbers, three boxes to a row."""
    pdf = document.pdf
    document.heading(_("Key figures"))
    figures = document.data.key_figures
    if not figures:
        document.no_data()
        return
    columns = 3
    gap = 4.0
    width = (pdf.epw - gap * (columns - 1)) / columns
    height = 34.0
    for start in range(0, len(figures), columns):
        pdf.ensure_space(height + gap)
        top = pdf.get_y()
        for index, figure in enumerate(figures[start : start + columns]):
            _figure_box(document, figure, MARGIN + index * (width + gap), top, width, height)
        pdf.set_xy(MARGIN, top + height + gap)


def _figure_box(
    document: ReportDocument, figure: KeyFigure, x: float, y: float, width: float, height: float
) -> None:
    pdf = document.pdf
    inner = width - 7
    pdf.set_fill_color(*PANEL)
    pdf.rect(x, y, width, height, style="F")
    pdf.set_fill_color(*ACCENT)
    pdf.rect(x, y, 1.2, height, style="F")

    pdf.text_style(8.5, color=MUTED)
    cursor = y + 2.5
    for line in wrap_text(pdf, document.pick(figure, "label"), inner, 2):
        pdf.set_xy(x + 4, cursor)
        pdf.cell(inner, 4, line)
        cursor += 4

    value = format_number(figure.value)
    unit = document.pick(figure, "unit")
    pdf.text_style(18, bold=True, color=NAVY)
    value_width = pdf.get_string_width(value)
    pdf.text_style(9, color=TEXT)
    unit_width = pdf.get_string_width(unit) + 1.5 if unit else 0
    size = 18.0
    while size > 10 and value_width + unit_width > inner:
        size -= 1
        pdf.text_style(size, bold=True)
        value_width = pdf.get_string_width(value)
    baseline = y + 20
    pdf.text_style(size, bold=True, color=NAVY)
    pdf.text(x + 4, baseline, fit_text(pdf, value, inner))
    if unit:
        pdf.text_style(9, color=TEXT)
        pdf.text(x + 4 + value_width + 1.5, baseline, fit_text(pdf, unit, inner - value_width))

    source = document.pick(figure, "source")
    if source:
        pdf.text_style(6.5, color=MUTED)
        lines = wrap_text(pdf, f"{_('Source')}: {source}", inner, 2)
        cursor = y + height - 1.5 - 3 * len(lines)
        for line in lines:
            pdf.set_xy(x + 4, cursor)
            pdf.cell(inner, 3, line)
            cursor += 3
