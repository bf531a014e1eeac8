"""The shared tools of the reference-data loaders (`data/reference/*.csv`).

Each app loads the reference files of the data it owns (`geography.loading`,
`industries.loading`, …) with these tools, and registers its loader with `core.sources`.
Idempotent: each row is matched on its code; a row that already matches is left alone, so a
second load changes nothing and says so. Transactional: a bad row raises
`ReferenceDataError` naming the file and the row, and `load-sources` rolls everything back.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


class ReferenceDataError(Exception):
    """A reference file cannot be read; the message names the file and row."""


@dataclass
class LoadReport:
    """What a load did, per kind of record: the proof that a second load changes nothing."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return any(sum(c.values()) for c in (self.created, self.updated, self.deleted))

    def record(self, kind: str, outcome: str, count: int = 1) -> None:
        getattr(self, outcome)[kind] += count

    def merge(self, other: LoadReport) -> LoadReport:
        for outcome in ("created", "updated", "deleted", "unchanged"):
            getattr(self, outcome).update(getattr(other, outcome))
        return self

    def lines(self) -> list[str]:
        kinds = sorted(
            set(self.created) | set(self.updated) | set(self.deleted) | set(self.unchanged)
        )
        return [
            f"{kind}: {self.created[kind]} created, {self.updated[kind]} updated, "
            f"{self.deleted[kind]} deleted, {self.unchanged[kind]} unchanged"
            for kind in kinds
        ]


def _rows(path: Path, required: set[str]):
    if not path.exists():
        raise ReferenceDataError(f"{path}: file not found")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = required - set(reader.fieldnames or ())
        if missing:
            raise ReferenceDataError(f"{path}: missing columns {', '.join(sorted(missing))}")
        for number, row in enumerate(reader, start=2):
            yield number, {key: (value or "").strip() for key, value in row.items()}


def _upsert(model, lookup: dict, values: dict, report: LoadReport, kind: str):
    """Create, update or leave one row; returns the instance."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model.objects.create(**lookup, **values)
        report.record(kind, "created")
        return instance
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance._change_reason = "load-sources"
        instance.save(update_fields=changed)
        report.record(kind, "updated")
    else:
        report.record(kind, "unchanged")
    return instance


def _set_m2m(manager, wanted: list, report: LoadReport, kind: str) -> None:
    current = {obj.pk for obj in manager.all()}
    if current != {obj.pk for obj in wanted}:
        manager.set(wanted)
        report.record(kind, "updated")


def _choice(value: str, choices, path: Path, number: int, column: str) -> str:
    if value not in choices.values:
        raise ReferenceDataError(
            f"{path}, row {number}: {column} '{value}' is not one of {', '.join(choices.values)}"
        )
    return value


def _industries(codes: str, by_code: dict, path: Path, number: int) -> list:
    """The industries named in a `;`-separated column, looked up in `by_code` (code → industry)."""
    result = []
    for code in filter(None, (c.strip() for c in codes.split(";"))):
        if code not in by_code:
            raise ReferenceDataError(f"{path}, row {number}: unknown industry '{code}'")
        result.append(by_code[code])
    return result
