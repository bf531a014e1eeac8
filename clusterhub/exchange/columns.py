"""The columns of an import: a name (the API's field name), header aliases, and a parser.

A parser turns the cell's text into the field's value or raises `CellError` with the
problem in words; an empty cell is `None` (or "" for text) unless the column is required.
Choice columns take the stored value or its label in either language; reference columns
take the code (or slug) of the object, resolved through a table the importer loads once.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _


class CellError(ValueError):
    """A cell that cannot become its field's value; the message says why."""


@dataclass
class Column:
    name: str
    parse: Callable[[str], Any]
    required: bool = False
    aliases: tuple[str, ...] = ()
    # For references: the model and the field that identifies it in a file.
    reference: tuple[type, str] | None = None
    lookup: dict[str, Any] = field(default_factory=dict)

    def headers(self) -> set[str]:
        return {header_key(name) for name in (self.name, *self.aliases) if name}

    def read(self, value: str) -> Any:
        """The cell's value, or `CellError`; references are found in `lookup` by code."""
        if self.reference is None:
            return self.parse(value)
        if value == "":
            return None
        try:
            return self.lookup[value]
        except KeyError as exc:
            target = self.reference[0]
            raise CellError(
                _("No %(thing)s has the code “%(code)s”.")
                % {"thing": target._meta.verbose_name, "code": value}
            ) from exc


def header_key(header: str) -> str:
    return " ".join(header.replace("\ufeff", "").split()).casefold()


def _labels(model, name: str) -> tuple[str, ...]:
    """The field's verbose name in Korean and English: headers a person may have typed."""
    try:
        verbose = model._meta.get_field(name).verbose_name
    except Exception:  # a column that is not a model field (attendance, …)
        return ()
    labels = []
    for language in ("ko", "en"):
        with translation.override(language):
            labels.append(str(verbose))
    return tuple(labels)


def text(model, name: str, *, required: bool = False, aliases: tuple[str, ...] = ()) -> Column:
    def parse(value: str) -> str:
        return value

    return Column(name, parse, required, (*aliases, *_labels(model, name)))


def integer(model, name: str, *, required: bool = False) -> Column:
    def parse(value: str) -> int | None:
        if value == "":
            return None
        try:
            return int(value)
        except ValueError as exc:
            raise CellError(_("Enter a whole number.")) from exc

    return Column(name, parse, required, _labels(model, name))


def decimal(model, name: str, *, required: bool = False) -> Column:
    def parse(value: str) -> Decimal | None:
        if value == "":
            return None
        try:
            number = Decimal(value.replace(",", ""))
        except InvalidOperation as exc:
            raise CellError(_("Enter a number.")) from exc
        if not number.is_finite():
            raise CellError(_("Enter a number."))
        return number

    return Column(name, parse, required, _labels(model, name))


def date(model, name: str, *, required: bool = False) -> Column:
    def parse(value: str) -> datetime.date | None:
        if value == "":
            return None
        try:
            return datetime.date.fromisoformat(value[:10])
        except ValueError as exc:
            raise CellError(_("Enter a date as YYYY-MM-DD.")) from exc

    return Column(name, parse, required, _labels(model, name))


def boolean(model, name: str) -> Column:
    truths = {"true", "1", "yes", "y", "예"}
    falsehoods = {"false", "0", "no", "n", "아니오"}

    def parse(value: str) -> bool | None:
        if value == "":
            return None
        if value.casefold() in truths:
            return True
        if value.casefold() in falsehoods:
            return False
        raise CellError(_("Enter true or false."))

    return Column(name, parse, False, _labels(model, name))


def choice(model, name: str, choices, *, required: bool = False) -> Column:
    accepted = {}
    for value, label in choices.choices:
        accepted[value.casefold()] = value
        for language in ("ko", "en"):
            with translation.override(language):
                accepted[str(label).casefold()] = value

    def parse(value: str) -> str | None:
        if value == "":
            return None
        try:
            return accepted[value.casefold()]
        except KeyError as exc:
            raise CellError(
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": value, "choices": ", ".join(choices.values)}
            ) from exc

    return Column(name, parse, required, _labels(model, name))


def reference(
    model, name: str, target, to_field: str = "code", *, required: bool = False
) -> Column:
    """A column that names another object by its code; the importer fills `lookup`."""
    return Column(name, _no_parse, required, _labels(model, name), (target, to_field))


def _no_parse(value: str):
    """Never called: the importer resolves a reference cell through the column's `lookup`;
    reaching this is a programming error in an importer, not bad input."""
    raise TypeError("a reference column is read through its lookup, not parsed")
