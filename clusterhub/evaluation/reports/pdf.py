"""The annual performance report as an A4 PDF, drawn with fpdf2.

`render_pdf(data, language)` lays out a cover, the key figures, the bar charts (drawn here
with rectangles, lines and text), the scorecards with their indicator trees, the goals,
the surveys, the success stories and the sources. Static labels go through gettext in the
requested language; the data's own texts are chosen with `pick`. Korean is set in Noto Sans
KR (SIL Open Font License, `fonts/OFL.txt`), which fpdf2 embeds as a subset.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _
from fpdf import FPDF, FontFace
from fpdf.enums import CellBordersLayout, MethodReturnValue, TableBordersLayout, WrapMode
from fpdf.outline import OutlineSection

from clusterhub.evaluation.reports.data import (
    Chart,
    GoalLine,
    KeyFigure,
    ReportData,
    ScorecardData,
    pick,
)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "NotoSansKR"
DASH = "—"
ELLIPSIS = "…"

# A4 portrait, millimetres.
MARGIN = 15.0
BOTTOM_MARGIN = 18.0
CELL_PADDING = 1.5

NAVY = (31, 58, 95)
NAVY_LIGHT = (214, 226, 240)
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
SERIES_COLORS = [
    (31, 78, 121),
    (237, 125, 49),
    (112, 173, 71),
    (165, 165, 165),
    (255, 192, 0),
    (91, 155, 213),
    (158, 72, 14),
    (99, 99, 99),
]


# --- numbers -------------------------------------------------------------------------------


def _decimal(value: object) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        number = value
    else:
        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError):
            return None
    return number if number.is_finite() else None


def format_number(value: object, places: int | None = None) -> str:
    """`1234.5` → "1,234.5"; keeps a Decimal's own precision unless `places` is given."""
    number = _decimal(value)
    if number is None:
        return DASH
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if number.is_zero():
        number = abs(number)
    return f"{number:,f}"


def format_percent(value: object) -> str:
    """An achievement or response ratio with one decimal: "102.1%"."""
    text = format_number(value, places=1)
    return text if text == DASH else f"{text}%"


def format_timestamp(moment: datetime.datetime) -> str:
    text = moment.strftime("%Y-%m-%d %H:%M")
    zone = moment.strftime("%Z") if moment.tzinfo else ""
    return f"{text} {zone}".strip()


def _pick_list(obj: object, stem: str, language: str) -> list[str]:
    korean = list(getattr(obj, f"{stem}_ko", []) or [])
    english = list(getattr(obj, f"{stem}_en", []) or [])
    if language.startswith("ko"):
        return korean or english
    return english or korean


def _nice_step(span: Decimal, target: int = 5) -> Decimal:
    raw = span / target
    exponent = math.floor(math.log10(float(raw)))
    magnitude = Decimal(1).scaleb(exponent)
    for factor in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)):
        if magnitude * factor >= raw:
            return (magnitude * factor).normalize()
    return (magnitude * 10).normalize()  # pragma: no cover - the loop always returns


def chart_ticks(values: Sequence[Decimal]) -> list[Decimal]:
    """Evenly spaced, round tick values covering zero and every value."""
    low = min([Decimal(0), *values])
    high = max([Decimal(0), *values])
    if low == high:
        high = low + 1
    step = _nice_step(high - low)
    first = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    last = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    ticks = []
    tick = first
    while tick <= last:
        ticks.append(tick)
        tick += step
    return ticks


# --- the document --------------------------------------------------------------------------


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

    # helpers ---------------------------------------------------------------------------

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


class _Renderer:
    def __init__(self, data: ReportData, language: str) -> None:
        self.data = data
        self.language = language
        self.title = _("Annual performance report %(year)s") % {"year": data.year}
        note = _("Contains demo data") if data.contains_demo_data else ""
        self.pdf = ReportPDF(self.title, note)
        self.section_number = 0

    def pick(self, obj: object, stem: str) -> str:
        return pick(obj, stem, self.language)

    # --- whole document ------------------------------------------------------------------

    def render(self) -> bytes:
        pdf = self.pdf
        pdf.set_title(self.title)
        pdf.set_author("Cluster Hub")
        pdf.set_creator("Cluster Hub")
        pdf.set_lang("ko" if self.language.startswith("ko") else "en")
        generated = self.data.generated_at
        if generated.tzinfo is None:
            generated = generated.replace(tzinfo=datetime.UTC)
        pdf.set_creation_date(generated)
        self.cover()  # ends with the contents placeholder, which starts the next page
        self.key_figures()
        self.charts()
        self.scorecards()
        self.goals()
        self.surveys()
        self.stories()
        self.sources()
        return bytes(pdf.output())

    # --- shared pieces -------------------------------------------------------------------

    def heading(self, text: str, *, min_space: float = 40) -> None:
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

    def column_widths(
        self, weights: Sequence[float], rows: Sequence[Sequence[str]], size: float
    ) -> list[float]:
        """Widths in proportion to `weights`, widened where a word would not fit its column.

        The first row is the (bold) heading. Width is taken from the columns that have room
        to spare, so words ("Achievement", "Anonymous") are never split across lines.
        """
        pdf = self.pdf
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
        self,
        weights: Sequence[float],
        aligns: Sequence[str],
        heading: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        size: float = 8.5,
        borders: TableBordersLayout = TableBordersLayout.HORIZONTAL_LINES,
    ):
        """A full-width table with a navy heading row, repeated after page breaks.

        `rows` are the body's texts, used to size the columns; the caller adds the rows
        (with their own styles if need be) to the table this returns, after the heading.
        """
        pdf = self.pdf
        widths = self.column_widths(weights, [heading, *rows], size)
        pdf.text_style(size)
        pdf.set_draw_color(*RULE)
        pdf.set_fill_color(*WHITE)  # the cells' default background
        pdf.set_line_width(0.2)
        table = pdf.table(
            col_widths=tuple(widths),
            width=pdf.epw,
            text_align=tuple(aligns),
            borders_layout=borders,
            cell_fill_color=STRIPE,
            cell_fill_mode="ROWS",
            headings_style=FontFace(emphasis="BOLD", color=WHITE, fill_color=NAVY),
            line_height=size * 0.5,
            padding=(1.2, CELL_PADDING),
            repeat_headings=1,
            v_align="MIDDLE",
        )
        return _TableWithHeading(table, heading)

    # --- cover ---------------------------------------------------------------------------

    def cover(self) -> None:
        pdf = self.pdf
        data = self.data
        pdf.add_page()
        pdf.set_fill_color(*NAVY)
        pdf.rect(0, 0, pdf.w, 118, style="F")
        pdf.set_fill_color(*ACCENT)
        pdf.rect(0, 118, pdf.w, 2.5, style="F")

        pdf.set_xy(MARGIN + 5, 28)
        pdf.text_style(11, bold=True, color=(180, 200, 225))
        pdf.cell(pdf.epw - 10, 6, "Cluster Hub", new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(MARGIN + 5)
        pdf.text_style(10, color=(180, 200, 225))
        pdf.cell(pdf.epw - 10, 6, _("Industrial cluster program"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_xy(MARGIN + 5, 55)
        pdf.text_style(26, bold=True, color=WHITE)
        pdf.multi_cell(pdf.epw - 10, 12, self.title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(MARGIN + 5)
        pdf.text_style(15, color=(214, 226, 240))
        pdf.multi_cell(pdf.epw - 10, 9, self.pick(data, "level"), new_x="LMARGIN", new_y="NEXT")

        rows = [
            (_("Reporting year"), str(data.year)),
            (_("Level"), self.pick(data, "level")),
            (_("Index system"), self.pick(data, "system")),
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

        pdf.text_style(11, bold=True, color=NAVY)
        pdf.cell(pdf.epw, 8, _("Contents"), new_x="LMARGIN", new_y="NEXT")
        pdf.insert_toc_placeholder(self.contents, pages=1, reset_page_indices=False)

    def contents(self, pdf: FPDF, outline: list[OutlineSection]) -> None:
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

    # --- key figures ---------------------------------------------------------------------

    def key_figures(self) -> None:
        pdf = self.pdf
        self.heading(_("Key figures"))
        figures = self.data.key_figures
        if not figures:
            self.no_data()
            return
        columns = 3
        gap = 4.0
        width = (pdf.epw - gap * (columns - 1)) / columns
        height = 34.0
        for start in range(0, len(figures), columns):
            pdf.ensure_space(height + gap)
            top = pdf.get_y()
            for index, figure in enumerate(figures[start : start + columns]):
                self.figure_box(figure, MARGIN + index * (width + gap), top, width, height)
            pdf.set_xy(MARGIN, top + height + gap)

    def figure_box(self, figure: KeyFigure, x: float, y: float, width: float, height: float):
        pdf = self.pdf
        inner = width - 7
        pdf.set_fill_color(*PANEL)
        pdf.rect(x, y, width, height, style="F")
        pdf.set_fill_color(*ACCENT)
        pdf.rect(x, y, 1.2, height, style="F")

        pdf.text_style(8.5, color=MUTED)
        cursor = y + 2.5
        for line in wrap_text(pdf, self.pick(figure, "label"), inner, 2):
            pdf.set_xy(x + 4, cursor)
            pdf.cell(inner, 4, line)
            cursor += 4

        value = format_number(figure.value)
        unit = self.pick(figure, "unit")
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

        source = self.pick(figure, "source")
        if source:
            pdf.text_style(6.5, color=MUTED)
            lines = wrap_text(pdf, f"{_('Source')}: {source}", inner, 2)
            cursor = y + height - 1.5 - 3 * len(lines)
            for line in lines:
                pdf.set_xy(x + 4, cursor)
                pdf.cell(inner, 3, line)
                cursor += 3

    # --- charts --------------------------------------------------------------------------

    def charts(self) -> None:
        self.heading(_("Charts"), min_space=60)
        if not self.data.charts:
            self.no_data()
            return
        for chart in self.data.charts:
            self.bar_chart(chart)

    def bar_chart(self, chart: Chart) -> None:
        pdf = self.pdf
        title = self.pick(chart, "title")
        unit = self.pick(chart, "unit")
        categories = _pick_list(chart, "categories", self.language)
        series = [
            (self.pick(item, "label"), list(item.values), SERIES_COLORS[i % len(SERIES_COLORS)])
            for i, item in enumerate(chart.series)
        ]
        values = [
            number
            for _label, items, _color in series
            for number in (_decimal(value) for value in items[: len(categories)])
            if number is not None
        ]

        legend_rows = self._legend_rows([label for label, _items, _color in series])
        plot_height = 58.0
        total_height = 8 + 5 + plot_height + 9 + 5 * len(legend_rows) + 6
        pdf.ensure_space(total_height if values and categories else 30)
        pdf.text_style(10.5, bold=True)
        pdf.multi_cell(pdf.epw, 6, title, new_x="LMARGIN", new_y="NEXT")
        if unit:
            pdf.text_style(7.5, color=MUTED)
            pdf.cell(
                pdf.epw,
                4.5,
                _("Unit: %(unit)s") % {"unit": unit},
                align="R",
                new_x="LMARGIN",
                new_y="NEXT",
            )
        if not values or not categories:
            self.no_data()
            return

        ticks = chart_ticks(values)
        low, high = ticks[0], ticks[-1]
        tick_places = max(max(-tick.normalize().as_tuple().exponent, 0) for tick in ticks)
        tick_labels = [format_number(tick, places=tick_places) for tick in ticks]
        pdf.text_style(6.5, color=MUTED)
        axis_width = max(pdf.get_string_width(label) for label in tick_labels) + 3
        left = MARGIN + axis_width
        right = pdf.w - MARGIN
        group_width = (right - left) / len(categories)
        bar_width = min(group_width * 0.78 / max(len(series), 1), 14.0)

        # Value labels sit above (below, when negative) their bar; when they are wider than
        # the bars they turn upright, in a size whose glyphs fit the bar's width.
        value_size = 6.0
        pdf.text_style(value_size)
        longest = max(pdf.get_string_width(format_number(value)) for value in values)
        rotate = longest > bar_width + min(group_width - bar_width * len(series), 2.0)
        if rotate:
            # digits and commas span about 0.87 em across the baseline (1 pt = 0.3528 mm)
            value_size = max(4.5, min(6.0, (bar_width - 0.6) / (0.87 * 0.3528)))
            pdf.text_style(value_size)
            longest = max(pdf.get_string_width(format_number(value)) for value in values)
        across = 0.285 * value_size * 0.3528  # baseline offset that centres upright digits
        label_room = (longest + 1.5) if rotate else 3.5

        top = pdf.get_y() + 2
        bottom = top + plot_height
        data_top = top + (label_room if high > 0 else 0)
        data_bottom = bottom - (label_room if low < 0 else 0)

        def y_of(number: Decimal) -> float:
            return data_bottom - float((number - low) / (high - low)) * (data_bottom - data_top)

        # grid and axis
        pdf.set_line_width(0.15)
        for tick, label in zip(ticks, tick_labels, strict=True):
            y = y_of(tick)
            pdf.set_draw_color(*((120, 120, 120) if tick == 0 else (225, 229, 234)))
            pdf.set_line_width(0.3 if tick == 0 else 0.15)
            pdf.line(left, y, right, y)
            pdf.set_draw_color(*MUTED)
            pdf.set_line_width(0.15)
            pdf.line(left - 1.2, y, left, y)
            pdf.text_style(6.5, color=MUTED)
            pdf.text(left - 1.8 - pdf.get_string_width(label), y + 0.9, label)
        pdf.set_draw_color(*MUTED)
        pdf.set_line_width(0.2)
        pdf.line(left, data_top, left, data_bottom)

        # bars and their values
        zero = y_of(Decimal(0))
        for index in range(len(categories)):
            group_left = left + index * group_width
            first = group_left + (group_width - bar_width * len(series)) / 2
            for position, (_label, items, color) in enumerate(series):
                number = _decimal(items[index]) if index < len(items) else None
                if number is None:
                    continue
                x = first + position * bar_width
                y = y_of(number)
                pdf.set_fill_color(*color)
                height = abs(zero - y)
                if height < 0.25:
                    pdf.set_draw_color(*color)
                    pdf.set_line_width(0.4)
                    pdf.line(x + 0.2, zero, x + bar_width - 0.2, zero)
                else:
                    pdf.rect(x + 0.2, min(y, zero), bar_width - 0.4, height, style="F")
                text = format_number(number)
                pdf.text_style(value_size, color=TEXT)
                text_width = pdf.get_string_width(text)
                centre = x + bar_width / 2
                if rotate:
                    if number >= 0:
                        with pdf.rotation(90, centre, y - 1):
                            pdf.text(centre, y - 1 + across, text)
                    else:
                        with pdf.rotation(90, centre, y + 1):
                            pdf.text(centre - text_width, y + 1 + across, text)
                elif number >= 0:
                    pdf.text(centre - text_width / 2, y - 1, text)
                else:
                    pdf.text(centre - text_width / 2, y + 2.8, text)

        # category labels: a smaller size before words get split, at most two lines
        label_size = 6.5
        words = [word for category in categories for word in category.split()]
        while label_size > 5.5:
            pdf.text_style(label_size)
            if max((pdf.get_string_width(word) for word in words), default=0) <= group_width - 1:
                break
            label_size -= 0.5
        pdf.text_style(label_size, color=TEXT)
        for index, category in enumerate(categories):
            group_left = left + index * group_width
            lines = wrap_text(pdf, category, group_width - 1, 2)
            for row, line in enumerate(lines):
                width = pdf.get_string_width(line)
                pdf.text(group_left + (group_width - width) / 2, bottom + 3.5 + row * 3, line)

        # legend
        y = bottom + 11.5
        for row in legend_rows:
            widths = [self._legend_item_width(label) for label in row]
            x = left + ((right - left) - sum(widths)) / 2
            for label in row:
                position = [item[0] for item in series].index(label)
                color = series[position][2]
                pdf.set_fill_color(*color)
                pdf.rect(x, y - 2.4, 3, 3, style="F")
                pdf.text_style(7.5, color=TEXT)
                pdf.text(x + 4, y, label)
                x += self._legend_item_width(label)
            y += 5
        pdf.set_xy(MARGIN, y + 3)

    def _legend_item_width(self, label: str) -> float:
        self.pdf.text_style(7.5)
        return 4 + self.pdf.get_string_width(label) + 6

    def _legend_rows(self, labels: list[str]) -> list[list[str]]:
        available = self.pdf.epw - 20
        rows: list[list[str]] = []
        current: list[str] = []
        used = 0.0
        for label in labels:
            width = self._legend_item_width(label)
            if current and used + width > available:
                rows.append(current)
                current, used = [], 0.0
            current.append(label)
            used += width
        if current:
            rows.append(current)
        return rows

    # --- scorecards ----------------------------------------------------------------------

    def scorecards(self) -> None:
        pdf = self.pdf
        cards = self.data.scorecards
        if cards:
            pdf.add_page()
        self.heading(_("Scorecards"))
        if not cards:
            self.no_data()
            return
        self.subheading(_("Ranking"))
        heading = [_("Rank"), _("Entity"), _("Total score"), _("Demo data")]
        rows = [
            [
                DASH if card.rank is None else str(card.rank),
                self.pick(card, "entity"),
                format_number(card.total),
                _("Demo") if card.is_demo else "",
            ]
            for card in cards
        ]
        aligns = ("CENTER", "LEFT", "RIGHT", "CENTER")
        with self.table((12, 58, 16, 14), aligns, heading, rows) as table:
            for row in rows:
                table.row(row)
        pdf.ln(3)
        self.note(
            _(
                "Contribution = weight × score ÷ 100, in points of the total. "
                "Scores run from 0 to 100."
            )
        )
        for card in cards:
            self.scorecard(card)

    def scorecard(self, card: ScorecardData) -> None:
        pdf = self.pdf
        pdf.ln(5)
        pdf.ensure_space(36)
        entity = self.pick(card, "entity")
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
            self.badge(_("Demo"), pdf.get_x() + 1, top + 2.1)
        pdf.text_style(10, bold=True, color=NAVY)
        pdf.set_xy(pdf.w - MARGIN - total_width, top)
        pdf.cell(total_width, 8, total, align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)
        if not card.lines:
            self.no_data()
            return

        heading = [
            _("Code"),
            _("Indicator"),
            _("Weight"),
            _("Value"),
            _("Score"),
            _("Contribution"),
        ]
        texts = [
            [
                line.code,
                self.pick(line, "name"),
                format_number(line.weight),
                line.raw_value or "",
                format_number(line.score),
                format_number(line.contribution),
            ]
            for line in card.lines
        ]
        widths = (14, 50, 11, 27, 11, 15)
        aligns = ("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT")
        # A line and its explanation read as one block: the rule comes after the explanation.
        with self.table(
            widths, aligns, heading, texts, size=8.0, borders=TableBordersLayout.NONE
        ) as table:
            for line, line_texts in zip(card.lines, texts, strict=True):
                group = line.depth == 0 or line.nature == "group"
                fill = GROUP_FILL if line.depth == 0 else (STRIPE if group else WHITE)
                style = FontFace(emphasis="BOLD" if group else "", fill_color=fill)
                indent = 1.5 + 4 * max(line.depth, 0)
                explanation = self.pick(line, "explanation")
                border = CellBordersLayout.NONE if explanation else CellBordersLayout.BOTTOM
                row = table.row()
                for column, text in enumerate(line_texts):
                    padding = (1.2, 1.5, 1.2, indent) if column == 1 else None
                    row.cell(text, style=style, padding=padding, border=border)
                if explanation:
                    muted = FontFace(size_pt=6.8, color=MUTED, fill_color=fill, emphasis="")
                    row = table.row()
                    row.cell("", style=muted, border=CellBordersLayout.BOTTOM)
                    row.cell(
                        explanation,
                        style=muted,
                        colspan=5,
                        align="LEFT",
                        padding=(0, 1.5, 1.2, indent),
                        border=CellBordersLayout.BOTTOM,
                    )

    # --- goals, surveys, stories, sources ------------------------------------------------

    def goals(self) -> None:
        pdf = self.pdf
        pdf.ln(4)
        self.heading(_("Goal achievement"))
        goals = self.data.goals
        if not goals:
            self.no_data()
            return
        heading = [
            _("Subject"),
            _("Metric"),
            _("Unit"),
            _("Base year"),
            _("Base value"),
            _("Goal year"),
            _("Goal value"),
            _("Actual"),
            _("Achievement"),
        ]
        rows = [
            [
                self.pick(goal, "subject"),
                self.pick(goal, "metric"),
                self.pick(goal, "unit"),
                DASH if goal.base_year is None else str(goal.base_year),
                format_number(goal.base_value),
                str(goal.goal_year),
                format_number(goal.goal_value),
                self.actual_text(goal),
                format_percent(goal.ratio_percent),
            ]
            for goal in goals
        ]
        widths = (24, 26, 11, 11, 14, 11, 14, 17, 14)
        aligns = ("LEFT", "LEFT", "CENTER", "CENTER", "RIGHT", "CENTER", "RIGHT", "RIGHT", "RIGHT")
        with self.table(widths, aligns, heading, rows, size=7.8) as table:
            for row in rows:
                table.row(row)
        pdf.ln(2)
        if any(goal.actual_is_forecast for goal in goals):
            self.note(_("“Forecast”: the actual value is a projection, not a measured result."))
        sources = list(dict.fromkeys(s for s in (self.pick(g, "source") for g in goals) if s))
        for source in sources:
            self.note(f"{_('Source')}: {source}")

    def actual_text(self, goal: GoalLine) -> str:
        text = format_number(goal.actual_value)
        if goal.actual_is_forecast and goal.actual_value is not None:
            return f"{text} ({_('Forecast')})"
        return text

    def surveys(self) -> None:
        self.pdf.ln(4)
        self.heading(_("Satisfaction surveys"))
        surveys = self.data.surveys
        if not surveys:
            self.no_data()
            return
        heading = [
            _("Survey"),
            _("Invited"),
            _("Responded"),
            _("Response rate"),
            _("Satisfaction (0–100)"),
            _("Anonymous"),
        ]
        rows = [
            [
                self.pick(survey, "title"),
                format_number(survey.invited),
                format_number(survey.responded),
                format_percent(survey.response_rate_percent),
                format_number(survey.satisfaction),
                _("Yes") if survey.anonymous else _("No"),
            ]
            for survey in surveys
        ]
        widths = (40, 11, 12, 13, 14, 10)
        aligns = ("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "CENTER")
        with self.table(widths, aligns, heading, rows) as table:
            for row in rows:
                table.row(row)

    def stories(self) -> None:
        pdf = self.pdf
        pdf.ln(4)
        self.heading(_("Success stories"))
        if not self.data.stories:
            self.no_data()
            return
        for story in self.data.stories:
            pdf.ensure_space(28)
            top = pdf.get_y()
            pdf.set_fill_color(*ACCENT)
            pdf.rect(MARGIN, top + 0.5, 1.2, 5.5, style="F")
            pdf.set_xy(MARGIN + 4, top)
            pdf.text_style(10.5, bold=True)
            pdf.multi_cell(pdf.epw - 4, 6, self.pick(story, "title"), new_x="LMARGIN", new_y="NEXT")
            pdf.set_x(MARGIN + 4)
            pdf.text_style(8.5, color=MUTED)
            organization = self.pick(story, "organization")
            pdf.cell(pdf.get_string_width(organization) + 2, 5, organization)
            if story.is_demo:
                self.badge(_("Demo"), pdf.get_x() + 1, pdf.get_y() + 1.1)
            pdf.set_xy(MARGIN + 4, pdf.get_y() + 6)
            pdf.text_style(9)
            pdf.multi_cell(
                pdf.epw - 4, 5, self.pick(story, "summary"), new_x="LMARGIN", new_y="NEXT"
            )
            pdf.ln(4)

    def sources(self) -> None:
        pdf = self.pdf
        pdf.ln(2)
        self.heading(_("Sources"), min_space=30)
        sources = _pick_list(self.data, "sources", self.language)
        if not sources:
            self.no_data()
            return
        for number, source in enumerate(sources, start=1):
            pdf.ensure_space(8)
            pdf.text_style(8.5, color=MUTED)
            pdf.cell(8, 5, f"{number}.", align="R")
            pdf.text_style(8.5)
            pdf.multi_cell(pdf.epw - 10, 5, source, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(0.8)


def render_pdf(data: ReportData, language: str) -> bytes:
    """The report as PDF bytes, with labels in `language` ("ko" or "en")."""
    with translation.override(language):
        return _Renderer(data, language).render()
