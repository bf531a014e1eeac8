"""The annual performance report as an A4 PDF, drawn with fpdf2.

`render_pdf(data, language)` lays out a cover, the key figures, the bar charts (drawn with
rectangles, lines and text), the scorecards with their indicator trees, the goals, the
surveys, the success stories and the sources. Static labels go through gettext in the
requested language; the data's own texts are chosen with `pick`. Korean is set in Noto Sans
KR (SIL Open Font License, `fonts/OFL.txt`), which fpdf2 embeds as a subset.

- `document`: the page, fonts, footer and colours, and the pieces every section writes with;
- `tables`: tables sized so that no word splits, written from `reports.columns`;
- `cover`, `figures`, `charts`, `scorecards`, `results`, `narrative`: the sections.
"""

from __future__ import annotations

import datetime

from django.utils import translation

from clusterhub.evaluation.reports.data import ReportData
from clusterhub.evaluation.reports.pdf import charts, cover, figures, narrative, results, scorecards
from clusterhub.evaluation.reports.pdf.document import ReportDocument

# After the cover, in this order; each starts with a numbered heading listed in the contents.
SECTIONS = [
    figures.key_figures,
    charts.charts,
    scorecards.scorecards,
    results.goals,
    results.surveys,
    narrative.stories,
    narrative.sources,
]


def render_pdf(data: ReportData, language: str) -> bytes:
    """The report as PDF bytes, with labels in `language` ("ko" or "en")."""
    with translation.override(language):
        document = ReportDocument(data, language)
        pdf = document.pdf
        pdf.set_title(document.title)
        pdf.set_author("Cluster Hub")
        pdf.set_creator("Cluster Hub")
        pdf.set_lang("ko" if language.startswith("ko") else "en")
        generated = data.generated_at
        if generated.tzinfo is None:
            generated = generated.replace(tzinfo=datetime.UTC)
        pdf.set_creation_date(generated)
        cover.cover(document)  # ends with the contents placeholder, which starts the next page
        for section in SECTIONS:
            section(document)
        return bytes(pdf.output())
