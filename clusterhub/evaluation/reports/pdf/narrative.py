"""The closing sections: the success stories, told as text, and the sources."""

from __future__ import annotations

from django.utils.translation import gettext as _

from clusterhub.evaluation.reports.pdf.document import ACCENT, MARGIN, MUTED, ReportDocument


def stories(document: ReportDocument) -> None:
    """Each published success story: its title, its company and its summary."""
    pdf = document.pdf
    pdf.ln(4)
    document.heading(_("Success stories"))
    if not document.data.stories:
        document.no_data()
        return
    for story in document.data.stories:
        pdf.ensure_space(28)
        top = pdf.get_y()
        pdf.set_fill_color(*ACCENT)
        pdf.rect(MARGIN, top + 0.5, 1.2, 5.5, style="F")
        pdf.set_xy(MARGIN + 4, top)
        pdf.text_style(10.5, bold=True)
        pdf.multi_cell(pdf.epw - 4, 6, document.pick(story, "title"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(MARGIN + 4)
        pdf.text_style(8.5, color=MUTED)
        organization = document.pick(story, "organization")
        pdf.cell(pdf.get_string_width(organization) + 2, 5, organization)
        if story.is_demo:
            document.badge(_("Demo"), pdf.get_x() + 1, pdf.get_y() + 1.1)
        pdf.set_xy(MARGIN + 4, pdf.get_y() + 6)
        pdf.text_style(9)
        pdf.multi_cell(
            pdf.epw - 4, 5, document.pick(story, "summary"), new_x="LMARGIN", new_y="NEXT"
        )
        pdf.ln(4)


def sources(document: ReportDocument) -> None:
    """Where the report's figures come from, numbered."""
    pdf = document.pdf
    pdf.ln(2)
    document.heading(_("Sources"), min_space=30)
    sources = document.pick_list(document.data, "sources")
    if not sources:
        document.no_data()
        return
    for number, source in enumerate(sources, start=1):
        pdf.ensure_space(8)
        pdf.text_style(8.5, color=MUTED)
        pdf.cell(8, 5, f"{number}.", align="R")
        pdf.text_style(8.5)
        pdf.multi_cell(pdf.epw - 10, 5, source, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.8)
