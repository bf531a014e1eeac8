"""The import framework: read every row, validate all of them, then write all or nothing.

An `Importer` per kind (see `kinds/`) declares its columns, its natural key, how a row
becomes a plan (create, update or leave unchanged) and which service writes the plans.
`run_import` drives one: headers are matched to columns by name or by their Korean or
English label, each row is parsed and planned, the model's own validation (`full_clean`)
runs on what would be saved, and only a file without a single error reaches `write`, in
one transaction. Matching on the natural key makes a second import of the same file a
no-op that the report counts as unchanged.
"""

from __future__ import annotations

import abc
import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clusterhub.accounts.actors import Actor
from clusterhub.exchange.columns import CellError, Column, header_key
from clusterhub.exchange.files import unneutralise

IMPORT_REASON = "import"
PROGRESS_EVERY = 500
COUNTERS = {"create": "created", "update": "updated", "unchanged": "unchanged"}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


class InvalidRowError(Exception):
    """One or more cells of a row are wrong: `(column, message)` pairs."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__(problems)
        self.problems = problems


@dataclass
class Plan:
    """What one row will do. `changes` are the fields an update sets."""

    row: int
    action: str  # "create", "update" or "unchanged"
    key: str
    obj: Any = None
    changes: dict[str, Any] = field(default_factory=dict)
    extra: Any = None


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    written: bool = False

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [error.as_dict() for error in self.errors],
        }


class Importer(abc.ABC):
    """One kind of import. Subclasses set the class attributes and `plan`/`write`."""

    kind: str
    model: type
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    def __init__(self, actor: Actor, **options):
        self.actor = actor
        self.options = options
        # Each import fills its own lookups: the class's columns are shared declarations.
        self.columns = tuple(copy.copy(column) for column in type(self).columns)

    @property
    def required_headers(self) -> tuple[str, ...]:
        """Columns the file must have: the key and the required ones."""
        return (*self.key, *(c.name for c in self.columns if c.required))

    @property
    def required_cells(self) -> tuple[str, ...]:
        """Columns no row may leave empty."""
        return self.required_headers

    def option_errors(self) -> list[RowError]:
        """Problems with the import's options (a statistics table's id and title)."""
        return []

    # ---- what a subclass provides

    def load(self) -> None:
        """Fetch, once, what rows refer to and what they may match."""
        for column in self.columns:
            if column.reference is not None:
                target, to_field = column.reference
                column.lookup = {getattr(o, to_field): o for o in target.objects.all()}

    @abc.abstractmethod
    def plan(self, row: int, values: dict[str, Any]) -> Plan:
        """What one checked row will do: create, update or leave unchanged (or its errors)."""

    @abc.abstractmethod
    def write(self, plans: list[Plan]) -> None:
        """Write every planned row through the app's services, inside the import's transaction."""

    # ---- shared helpers

    def key_text(self, values: dict[str, Any]) -> str:
        return " / ".join(_as_key(values.get(name)) for name in self.key)

    def changes_to(self, obj, values: dict[str, Any]) -> dict[str, Any]:
        """The values that differ from the object's (references compared by id)."""
        changes = {}
        for name, value in values.items():
            model_field = obj._meta.get_field(name)
            if model_field.is_relation:
                current = getattr(obj, model_field.attname)
                if current != (value.pk if value is not None else None):
                    changes[name] = value
            elif getattr(obj, name) != value:
                changes[name] = value
        return changes

    def validated(self, obj, changes: dict[str, Any] | None = None, **clean_options):
        """A copy of `obj` with `changes` that passed the model's validation, or problems.

        References the importer resolved from its lookups are left out of `full_clean`:
        they exist (they were just read), and a foreign key's validation would ask the
        database again for each one, three queries a row on a 100,000-row file.
        """
        candidate = copy.copy(obj) if changes is not None else obj
        for name, value in (changes or {}).items():
            setattr(candidate, name, value)
        resolved = [column.name for column in self.columns if column.reference is not None]
        clean_options["exclude"] = [*clean_options.get("exclude", ()), *resolved]
        try:
            candidate.full_clean(**clean_options)
        except ValidationError as exc:
            raise InvalidRowError(
                [
                    (self._column_of(name), " ".join(messages))
                    for name, messages in exc.message_dict.items()
                ]
            ) from exc
        return candidate

    def _column_of(self, field_name: str) -> str:
        names = {column.name for column in self.columns}
        return field_name if field_name in names else ",".join(self.key)

    @staticmethod
    def refuse(column: str) -> InvalidRowError:
        return InvalidRowError([(column, _("You may not change this row."))])


def _as_key(value) -> str:
    if value is None:
        return ""
    for attribute in ("slug", "code", "reference", "table_id"):
        if hasattr(value, attribute):
            return str(getattr(value, attribute))
    return str(value)


def _match_headers(importer: Importer, header: list[str]) -> tuple[list[Column | None], list]:
    by_header = {}
    for column in importer.columns:
        for alias in column.headers():
            by_header.setdefault(alias, column)
    matched, errors, seen = [], [], set()
    for title in header:
        key = header_key(title)
        if key == "":
            matched.append(None)
            continue
        column = by_header.get(key)
        if column is None:
            errors.append(RowError(1, title, _("This column is not known for this kind.")))
        elif column.name in seen:
            errors.append(RowError(1, title, _("This column appears twice.")))
        else:
            seen.add(column.name)
        matched.append(column)
    for column in importer.columns:
        if column.name in importer.required_headers and column.name not in seen:
            errors.append(RowError(1, column.name, _("This column is required.")))
    return matched, errors


def run_import(
    importer: Importer,
    rows: Iterable[list[str]],
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Validate every row, then (unless `dry_run` or any error) write them in one transaction."""
    report = ImportReport()
    rows = list(rows)
    if not rows:
        report.errors.append(RowError(1, "", _("The file is empty.")))
        return report
    report.errors = importer.option_errors()
    columns, header_errors = _match_headers(importer, rows[0])
    report.errors += header_errors
    if report.errors:
        return report
    importer.load()
    seen_keys: dict[str, int] = {}
    total = len(rows) - 1
    for number, cells in enumerate(rows[1:], start=2):
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number - 1, total)
        if not any(cell.strip() for cell in cells):
            continue
        plan = _plan_row(importer, columns, number, cells, report)
        if plan is None:
            continue
        if plan.key in seen_keys:
            report.errors.append(
                RowError(
                    number,
                    ",".join(importer.key),
                    _("The same row as row %(row)s (by %(key)s).")
                    % {"row": seen_keys[plan.key], "key": ", ".join(importer.key)},
                )
            )
            continue
        seen_keys[plan.key] = number
        report.plans.append(plan)
        counter = COUNTERS[plan.action]
        setattr(report, counter, getattr(report, counter) + 1)
    if progress is not None:
        progress(total, total)
    changes = [plan for plan in report.plans if plan.action != "unchanged"]
    if report.errors or dry_run or not changes:
        return report
    try:
        with transaction.atomic():
            importer.write(changes)
    except ValidationError as exc:
        # The rows were valid when read; something changed since (another writer).
        problem = " ".join(exc.messages)
    except PermissionDenied:
        problem = _("You may not change this row.")
    else:
        report.written = True
        return report
    report.errors.append(
        RowError(0, "", _("Nothing was written: %(problem)s") % {"problem": problem})
    )
    return report


def _plan_row(importer, columns, number, cells, report) -> Plan | None:
    values, problems = {}, []
    cells = [*cells, *[""] * (len(columns) - len(cells))]
    if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
        problems.append(("", _("This row has more cells than the header has columns.")))
    for column, cell in zip(columns, cells, strict=False):
        if column is None:
            continue
        text = unneutralise(cell.strip())
        if text == "" and column.name in importer.required_cells:
            problems.append((column.name, _("This cell is required.")))
            continue
        try:
            values[column.name] = column.read(text)
        except CellError as exc:
            problems.append((column.name, str(exc)))
    if not problems:
        try:
            return importer.plan(number, values)
        except InvalidRowError as exc:
            problems = exc.problems
        except PermissionDenied:
            problems = [(",".join(importer.key), _("You may not change this row."))]
    report.errors.extend(RowError(number, column, message) for column, message in problems)
    return None
