"""The charts: bar charts drawn with rectangles, lines and text, with round tick values."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from clusterhub.evaluation.reports.data import Chart
from clusterhub.evaluation.reports.numbers import as_decimal, format_number
from clusterhub.evaluation.reports.pdf.document import (
    MARGIN,
    MUTED,
    TEXT,
    ReportDocument,
    ReportPDF,
    wrap_text,
)

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


def charts(document: ReportDocument) -> None:
    """The bar charts of the year, one after another."""
    document.heading(_("Charts"), min_space=60)
    if not document.data.charts:
        document.no_data()
        return
    for chart in document.data.charts:
        bar_chart(document, chart)


def bar_chart(document: ReportDocument, chart: Chart) -> None:
    """A bar chart drawn with rectangles, lines and text: a grid with round ticks, a group of
    bars per category with their values, the categories below and a legend."""
    pdf = document.pdf
    title = document.pick(chart, "title")
    unit = document.pick(chart, "unit")
    categories = document.pick_list(chart, "categories")
    series = [
        (document.pick(item, "label"), list(item.values), SERIES_COLORS[i % len(SERIES_COLORS)])
        for i, item in enumerate(chart.series)
    ]
    values = [
        number
        for _label, items, _color in series
        for number in (as_decimal(value) for value in items[: len(categories)])
        if number is not None
    ]

    legend_rows = _legend_rows(pdf, [label for label, _items, _color in series])
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
        document.no_data()
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
            number = as_decimal(items[index]) if index < len(items) else None
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
        widths = [_legend_item_width(pdf, label) for label in row]
        x = left + ((right - left) - sum(widths)) / 2
        for label in row:
            position = [item[0] for item in series].index(label)
            color = series[position][2]
            pdf.set_fill_color(*color)
            pdf.rect(x, y - 2.4, 3, 3, style="F")
            pdf.text_style(7.5, color=TEXT)
            pdf.text(x + 4, y, label)
            x += _legend_item_width(pdf, label)
        y += 5
    pdf.set_xy(MARGIN, y + 3)


def _legend_item_width(pdf: ReportPDF, label: str) -> float:
    pdf.text_style(7.5)
    return 4 + pdf.get_string_width(label) + 6


def _legend_rows(pdf: ReportPDF, labels: list[str]) -> list[list[str]]:
    available = pdf.epw - 20
    rows: list[list[str]] = []
    current: list[str] = []
    used = 0.0
    for label in labels:
        width = _legend_item_width(pdf, label)
        if current and used + width > available:
            rows.append(current)
            current, used = [], 0.0
        current.append(label)
        used += width
    if current:
        rows.append(current)
    return rows


# --- scorecards ----------------------------------------------------------------------
