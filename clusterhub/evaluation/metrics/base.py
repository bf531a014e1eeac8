"""What a metric is: the entity it is computed for (`Scope`), the records behind its value
(`RecordRow`, as the drill-down lists them), and the `Metric` that ties them together."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from clusterhub.evaluation.models import Level


@dataclass(frozen=True)
class Scope:
    """An evaluated entity: its level and id (0 for the whole program)."""

    level: str
    entity_id: int

    def filter(self, path: str) -> Q:
        """Records whose mini cluster (reached by `path`) lies in this entity."""
        if self.level == Level.PROGRAM:
            return Q()
        suffix = {
            Level.MINI_CLUSTER: "_id",
            Level.COMPLEX: "__hub_id",
            Level.ZONE: "__hub__zone_id",
        }[self.level]
        return Q(**{f"{path}{suffix}": self.entity_id})


@dataclass(frozen=True)
class RecordRow:
    """One record behind a number, as the drill-down lists it."""

    date: datetime.date | None
    label: str
    detail: str
    value: Decimal | None
    url: str
    is_demo: bool


@dataclass(frozen=True)
class Metric:
    code: str
    name: object  # lazy translation
    unit: object
    description: object
    records: Callable[[Scope, int], QuerySet]
    # None: the value is the number of records.
    value: Callable[[QuerySet, Scope, int], Decimal | None] | None
    rows: Callable[[QuerySet], Iterable[RecordRow]]
    # Derived metrics read goals, whose platform actuals are set from the other metrics first.
    derived: bool = False

    def compute(self, scope: Scope, year: int) -> tuple[Decimal | None, int]:
        """The value and how many records it rests on."""
        records = self.records(scope, year)
        count = records.count()
        if self.value is None:
            return Decimal(count), count
        return self.value(records, scope, year), count
