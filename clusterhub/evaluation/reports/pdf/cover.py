"""The cover: the title band, the report's facts, the demo notice, and the contents."""

from __future__ import annotations

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.outline import OutlineSection

from clusterhub.evaluation.reports.numbers import DASH, format_timestamp
from clusterhub.evaluation.reports.pdf.document import (
    ACCENT,
    DEMO_BORDER,
    DEMO_FILL,
    DEMO_TEXT,
    FAMILY,
    MARGIN,
    MUTED,
    NAVY,
    RULE,
    TEXT,
    WHITE,
    ReportDocument,
    fit_text,
)

COVER_TEXT = (180, 200, 225)
COVER_LEVEL = (214, 226, 240)


def cover(document: ReportDocument) -> None:
    """The first page; it ends with the contents placeholder, which starts the next page."""
    pdf = document.pdf
    data = document.data
    pdf.add_page()
    pdf.set_fill_color(*NAVY)
    pdf.rect(0, 0, pdf.w, 118, style="F")
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 118, pdf.w, 2.5, style="F")

    pdf.set_xy(MARGIN + 5, 28)
    pdf.text_style(11, bold=True, color=COVER_TEXT)
    pdf.cell(pdf.epw - 10, 6, "Cluster Hub", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(MARGIN + 5)
    pdf.text_style(10, color=COVER_TEXT)
    pdf.cell(pdf.epw - 10, 6, _("Industrial cluster program"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(MARGIN + 5, 55)
    pdf.text_style(26, bold=True, color=WHITE)
    pdf.multi_cell(pdf.epw - 10, 12, document.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(MARGIN + 5)
    pdf.text_style(15, color=COVER_LEVEL)
    pdf.multi_cell(pdf.epw - 10, 9, document.pick(data, "level"), new_x="LMARGIN", new_y="NEXT")

    rows = [
        (_("Reporting year"), str(data.year)),
        (_("Level"), document.pick(data, "level")),
        (_("Index system"), document.pick(data, "system")),
        (_("Generated at"), format_timestamp(data.generated_at)),
    ]
    pdf.set_xy(MARGIN, 132)
    for label, value in rows:
        pdf.set_x(MARGIN + 5)
        pdf.text_style(9.5, color=MUTED)
        pdf.cell(40, 8, label)
        pdf.text_style(11, bold=True)
        pdf.multi_cell(pdf.epw - 50, 8, value or DASH, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)

    if data.contains_demo_data:
        _demo_notice(document)

    pdf.text_style(11, bold=True, color=NAVY)
    pdf.cell(pdf.epw, 8, _("Contents"), new_x="LMARGIN", new_y="NEXT")
    pdf.insert_toc_placeholder(contents, pages=1, reset_page_indices=False)


def _demo_notice(document: ReportDocument) -> None:
    pdf = document.pdf
    top = pdf.get_y()
    pdf.set_fill_color(*DEMO_FILL)
    pdf.set_draw_color(*DEMO_BORDER)
    pdf.set_line_width(0.8)
    pdf.rect(MARGIN, top, pdf.epw, 24, style="DF")
    pdf.set_xy(MARGIN, top + 4)
    pdf.text_style(14, bold=True, color=DEMO_TEXT)
    pdf.cell(
        pdf.epw,
        8,
        _("Contains demo data — not real organizations"),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.text_style(8.5, color=DEMO_TEXT)
    pdf.cell(
        pdf.epw,
        6,
        _(
            "Organizations and figures marked as demo were generated for "
            "demonstration and training."
        ),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_y(top + 30)


def contents(pdf: FPDF, outline: list[OutlineSection]) -> None:
    """The contents page: every numbered section with a dotted leader to its page."""
    for section in outline:
        if section.level != 0:
            continue
        page = str(section.page_number)
        pdf.set_x(MARGIN + 5)
        pdf.set_font(FAMILY, "", 10)
        pdf.set_text_color(*TEXT)
        name = fit_text(pdf, section.name, pdf.epw - 30)
        name_width = pdf.get_string_width(name) + 2
        page_width = pdf.get_string_width(page) + 2
        pdf.cell(name_width, 6.5, name, link=pdf.add_link(page=section.page_number))
        leader_start = pdf.get_x() + 1
        leader_end = pdf.w - MARGIN - 5 - page_width - 1
        if leader_end > leader_start:
            pdf.set_draw_color(*RULE)
            pdf.set_line_width(0.2)
            with pdf.local_context(dash_pattern={"dash": 0.4, "gap": 0.8}):
                pdf.line(leader_start, pdf.get_y() + 4.5, leader_end, pdf.get_y() + 4.5)
        pdf.set_x(pdf.w - MARGIN - 5 - page_width)
        pdf.cell(page_width, 6.5, page, align="R", new_x="LMARGIN", new_y="NEXT")
