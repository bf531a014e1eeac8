"""The scorecards: the ranking, then each scorecard's indicator tree with its explanations."""

from __future__ import annotations

from django.utils.translation import gettext as _
from fpdf import FontFace
from fpdf.enums import CellBordersLayout, TableBordersLayout

from clusterhub.evaluation.models import Nature
from clusterhub.evaluation.reports import columns as spec
from clusterhub.evaluation.reports.data import ScorecardData
from clusterhub.evaluation.reports.numbers import format_number
from clusterhub.evaluation.reports.pdf.document import (
    GROUP_FILL,
    MARGIN,
    MUTED,
    NAVY,
    STRIPE,
    WHITE,
    ReportDocument,
    fit_text,
)
from clusterhub.evaluation.reports.pdf.tables import spec_table, table


def scorecards(document: ReportDocument) -> None:
    """The ranking of the year's scorecards, then every scorecard in rank order."""
    pdf = document.pdf
    cards = document.data.scorecards
    if cards:
        pdf.add_page()
    document.heading(_("Scorecards"))
    if not cards:
        document.no_data()
        return
    document.subheading(_("Ranking"))
    spec_table(document, spec.RANKING, cards)
    pdf.ln(3)
    document.note(
        _("Contribution = weight × score ÷ 100, in points of the total. Scores run from 0 to 100.")
    )
    for card in cards:
        scorecard(document, card)


def _scorecard_title(document: ReportDocument, card: ScorecardData) -> None:
    """The entity's rank and name (with a demo badge) and, on the right, its total."""
    pdf = document.pdf
    entity = document.pick(card, "entity")
    pdf.start_section(entity, level=1)
    rank = "" if card.rank is None else f"{card.rank}. "
    top = pdf.get_y()
    pdf.set_fill_color(*NAVY)
    pdf.rect(MARGIN, top, 1.5, 8, style="F")
    total = _("Total score %(score)s") % {"score": format_number(card.total)}
    pdf.text_style(10, bold=True, color=NAVY)
    total_width = pdf.get_string_width(total) + 2
    badge_width = 0.0
    if card.is_demo:
        pdf.text_style(7, bold=True)
        badge_width = pdf.get_string_width(_("Demo")) + 6
    pdf.text_style(11.5, bold=True)
    name = fit_text(pdf, rank + entity, pdf.epw - 6 - total_width - badge_width)
    pdf.set_xy(MARGIN + 4, top)
    pdf.cell(pdf.get_string_width(name) + 2, 8, name)
    if card.is_demo:
        document.badge(_("Demo"), pdf.get_x() + 1, top + 2.1)
    pdf.text_style(10, bold=True, color=NAVY)
    pdf.set_xy(pdf.w - MARGIN - total_width, top)
    pdf.cell(total_width, 8, total, align="R", new_x="LMARGIN", new_y="NEXT")


def scorecard(document: ReportDocument, card: ScorecardData) -> None:
    """One scorecard: a line per node of the index tree, indented by depth, each followed by
    its explanation."""
    pdf = document.pdf
    pdf.ln(5)
    pdf.ensure_space(36)
    _scorecard_title(document, card)
    pdf.ln(1.5)
    if not card.lines:
        document.no_data()
        return
    columns = spec.pdf_columns(spec.INDICATORS)
    rows = [(card, line) for line in card.lines]
    texts = [[column.pdf_text(row, document.language) for column in columns] for row in rows]
    name_column = [column.key for column in columns].index("name")
    # A line and its explanation read as one block: the rule comes after the explanation.
    with table(pdf, columns, texts, size=8.0, borders=TableBordersLayout.NONE) as written:
        for line, line_texts in zip(card.lines, texts, strict=True):
            group = line.depth == 0 or line.nature == Nature.GROUP
            fill = GROUP_FILL if line.depth == 0 else (STRIPE if group else WHITE)
            style = FontFace(emphasis="BOLD" if group else "", fill_color=fill)
            indent = 1.5 + 4 * max(line.depth, 0)
            explanation = document.pick(line, "explanation")
            border = CellBordersLayout.NONE if explanation else CellBordersLayout.BOTTOM
            row = written.row()
            for column, text in enumerate(line_texts):
                padding = (1.2, 1.5, 1.2, indent) if column == name_column else None
                row.cell(text, style=style, padding=padding, border=border)
            if explanation:
                muted = FontFace(size_pt=6.8, color=MUTED, fill_color=fill, emphasis="")
                row = written.row()
                row.cell("", style=muted, border=CellBordersLayout.BOTTOM)
                row.cell(
                    explanation,
                    style=muted,
                    colspan=len(columns) - 1,
                    align="LEFT",
                    padding=(0, 1.5, 1.2, indent),
                    border=CellBordersLayout.BOTTOM,
                )
