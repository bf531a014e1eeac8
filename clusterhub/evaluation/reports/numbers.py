"""How the report writes numbers and times as text (the PDF; the workbook keeps numbers as
numbers)."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

DASH = "—"


def as_decimal(value: object) -> Decimal | None:
    """The value as a finite Decimal, or None (for None, booleans and what is no number)."""
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
    number = as_decimal(value)
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
