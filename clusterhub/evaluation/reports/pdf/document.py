"""The report's A4 document: its fonts, page and footer, its colours, and the pieces every
section writes with (headings, notes, the demo badge, text that fits)."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, WrapMode

from clusterhub.evaluation.reports.data import ReportData, pick

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FAMILY = "NotoSansKR"
ELLIPSIS = "…"

# A4 portrait, millimetres.
MARGIN = 15.0
BOTTOM_MARGIN = 18.0
CELL_PADDING = 1.5

NAVY = (31, 58, 95)
ACCENT = (0, 122, 153)
TEXT = (33, 37, 41)
MUTED = (100, 108, 118)
RULE = (200, 206, 214)
PANEL = (244, 246, 249)
STRIPE = (248, 249, 251)
GROUP_FILL = (230, 237, 245)
WHITE = (255, 255, 255)
DEMO_FILL = (255, 243, 205)
DEMO_BORDER = (214, 133, 0)
DEMO_TEXT = (128, 68, 0)


class ReportPDF(FPDF):
    """A4 portrait with the report title and "page n / total" in every page's footer."""

    def __init__(self, footer_text: str, footer_note: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        self.footer_note = footer_note
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=BOTTOM_MARGIN)
        self.add_font(FAMILY, "", str(FONT_DIR / "NotoSansKR-Regular.ttf"))
        self.add_font(FAMILY, "B", str(FONT_DIR / "NotoSansKR-Bold.ttf"))
        self.set_font(FAMILY, "", 9)
        self.c_margin = 1.0

    def footer(self) -> None:
        self.set_y(-12)
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(MARGIN, self.get_y() - 1, self.w - MARGIN, self.get_y() - 1)
        self.set_font(FAMILY, "", 7.5)
        self.set_text_color(*MUTED)
        width = self.epw * 0.8
        text = self.footer_text
        if self.footer_note:
            note_width = self.get_string_width(self.footer_note) + 4
            self.cell(
                width - note_width, 5, fit_text(self, text, width - note_width - 2), align="L"
            )
            self.set_text_color(*DEMO_TEXT)
            self.cell(note_width, 5, self.footer_note, align="L")
            self.set_text_color(*MUTED)
        else:
            self.cell(width, 5, fit_text(self, text, width - 2), align="L")
        self.cell(self.epw - width, 5, f"{self.page_no()} / {{nb}}", align="R")

    def space_left(self) -> float:
        return self.page_break_trigger - self.get_y()

    def ensure_space(self, height: float) -> None:
        if self.space_left() < height:
            self.add_page()

    def text_style(self, size: float, bold: bool = False, color=TEXT) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        self.set_text_color(*color)


def fit_text(pdf: FPDF, text: str, width: float) -> str:
    """The text, cut with an ellipsis so that it fits `width` in the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + ELLIPSIS) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def wrap_text(pdf: FPDF, text: str, width: float, max_lines: int) -> list[str]:
    """Word-wrapped lines (characters when a word is too long), at most `max_lines`."""
    if not text:
        return []
    lines = pdf.multi_cell(
        width,
        text=text,
        dry_run=True,
        output=MethodReturnValue.LINES,
        padding=0,
        wrapmode=WrapMode.WORD,
    )
    lines = [line.strip() for line in lines]
    if len(lines) > max_lines:
        kept = lines[:max_lines]
        kept[-1] = fit_text(pdf, kept[-1] + ELLIPSIS, width)  # ends with the ellipsis
        return kept
    return lines


class ReportDocument:
    """What every section writes on: the PDF, the report's data and language, and the
    numbering of the sections."""

    def __init__(self, data: ReportData, language: str) -> None:
        self.data = data
        self.language = language
        self.title = _("Annual performance report %(year)s") % {"year": data.year}
        note = _("Contains demo data") if data.contains_demo_data else ""
        self.pdf = ReportPDF(self.title, note)
        self.section_number = 0

    def pick(self, obj: object, stem: str) -> str:
        return pick(obj, stem, self.language)

    def pick_list(self, obj: object, stem: str) -> list[str]:
        """`obj.<stem>_ko` or `obj.<stem>_en` (lists), falling back to the other."""
        korean = list(getattr(obj, f"{stem}_ko", []) or [])
        english = list(getattr(obj, f"{stem}_en", []) or [])
        if self.language.startswith("ko"):
            return korean or english
        return english or korean

    def heading(self, text: str, *, min_space: float = 40) -> None:
        """A numbered section heading, listed in the contents."""
        pdf = self.pdf
        self.section_number += 1
        label = f"{self.section_number}. {text}"
        if pdf.get_y() > pdf.t_margin + 1:
            pdf.ln(4)
        pdf.ensure_space(min_space)
        pdf.start_section(label, level=0)
        pdf.text_style(14, bold=True, color=NAVY)
        pdf.cell(pdf.epw, 9, label, new_x="LMARGIN", new_y="NEXT")
        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(0.6)
        pdf.line(MARGIN, pdf.get_y(), MARGIN + 22, pdf.get_y())
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.2)
        pdf.line(MARGIN + 22, pdf.get_y(), pdf.w - MARGIN, pdf.get_y())
        pdf.ln(4)

    def subheading(self, text: str, *, min_space: float = 30) -> None:
        pdf = self.pdf
        pdf.ensure_space(min_space)
        pdf.text_style(11, bold=True, color=TEXT)
        pdf.multi_cell(pdf.epw, 6.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    def no_data(self) -> None:
        pdf = self.pdf
        pdf.ensure_space(14)
        pdf.set_fill_color(*PANEL)
        pdf.text_style(9.5, color=MUTED)
        pdf.cell(
            pdf.epw,
            10,
            _("No data for this year"),
            align="C",
            fill=True,
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.ln(2)

    def note(self, text: str, *, size: float = 7) -> None:
        pdf = self.pdf
        pdf.text_style(size, color=MUTED)
        pdf.multi_cell(pdf.epw, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")

    def badge(self, text: str, x: float, y: float, size: float = 7) -> float:
        """A small amber "demo" tag; returns its width."""
        pdf = self.pdf
        pdf.text_style(size, bold=True, color=DEMO_TEXT)
        width = pdf.get_string_width(text) + 3
        pdf.set_fill_color(*DEMO_FILL)
        pdf.set_draw_color(*DEMO_BORDER)
        pdf.set_line_width(0.25)
        pdf.rect(x, y, width, size * 0.55, style="DF")
        pdf.set_xy(x, y)
        pdf.cell(width, size * 0.55, text, align="C")
        return width
