"""Statistics observations into one imported table, matched by
(place, industry, size_band, metric, year, kind).

`clusterhub import observations FILE --table ID --title … --publisher …`: the table is a
source of its own (see `statistics.services`) and only the program office imports one.
Each row is one figure; `printed` keeps the value as the file gave it. The cell's row and
column labels are built from the key (`place / industry / size band`, `metric / year`) and
the kind is its series, so two figures of one table never share a cell. An import adds and
corrects figures; it removes none.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from clusterhub.exchange.columns import choice, decimal, integer, text
from clusterhub.exchange.files import as_text
from clusterhub.exchange.importing import Importer, Plan, RowError
from clusterhub.statistics import policies, services
from clusterhub.statistics.models import Kind, Observation

M = Observation


def cell_labels(values: dict) -> tuple[str, str, str]:
    row_label = " / ".join(values.get(name) or "" for name in ("place", "industry", "size_band"))
    column_label = f"{values['metric']} / {values.get('year') or ''}"
    return row_label, column_label, values.get("kind") or Kind.ACTUAL


class ObservationImporter(Importer):
    kind = "observations"
    model = Observation
    key = ("place", "industry", "size_band", "metric", "year", "kind")
    # Blank place, industry or year mean "all" (a national total, every industry).
    required_headers = ("place", "industry", "metric", "year", "value", "unit")
    required_cells = ("metric", "value", "unit")
    columns = (
        text(M, "place"),
        text(M, "industry"),
        text(M, "metric"),
        integer(M, "year"),
        decimal(M, "value", required=True),
        text(M, "unit", required=True),
        text(M, "size_band"),
        choice(M, "kind", Kind),
        text(M, "note"),
    )

    def option_errors(self) -> list[RowError]:
        errors = []
        if not policies.source_table_can_import(self.actor):
            errors.append(RowError(1, "", _("Only the program office imports statistics.")))
        for option in ("table", "title"):
            if not self.options.get(option):
                errors.append(RowError(1, f"--{option}", _("This option is required.")))
        table_id = self.options.get("table")
        if table_id and services.imported_table_is_taken(table_id):
            errors.append(RowError(1, "--table", _("This table comes from the loaded sources.")))
        return errors

    def key_text(self, values: dict) -> str:
        return " | ".join(cell_labels(values))

    def load(self) -> None:
        self.existing = {
            (o.row_label, o.column_label, o.series): o
            for o in Observation.objects.filter(table__table_id=self.options["table"])
        }

    def plan(self, row: int, values: dict) -> Plan:
        row_label, column_label, series = cell_labels(values)
        wanted = {
            **{name: values.get(name) or "" for name in ("place", "industry", "size_band")},
            "metric": values["metric"],
            "year": values.get("year"),
            "kind": series,
            "value": values["value"],
            "printed": as_text(values["value"]),
            "unit": values["unit"],
            "note": values.get("note") or "",
        }
        key = self.key_text(values)
        stored = self.existing.get((row_label, column_label, series))
        if stored is None:
            observation = Observation(
                source_row=row,
                row_label=row_label,
                column_label=column_label,
                series=series,
                **wanted,
            )
            self.validated(observation, exclude=["table"], validate_unique=False)
            return Plan(row, "create", key, observation)
        changes = {
            name: wanted[name]
            for name in services.OBSERVATION_FIELDS
            if name != "source_row" and getattr(stored, name) != wanted[name]
        }
        if not changes:
            return Plan(row, "unchanged", key, stored)
        changes["source_row"] = row
        changed = self.validated(stored, changes, exclude=["table"], validate_unique=False)
        return Plan(row, "update", key, stored, changes, extra=changed)

    def write(self, plans: list[Plan]) -> None:
        services.imported_table_save(
            actor=self.actor,
            table_id=self.options["table"],
            title=self.options["title"],
            publisher=self.options.get("publisher", ""),
            file_name=self.options.get("file_name", ""),
            created=[plan.obj for plan in plans if plan.action == "create"],
            updated=[plan.extra for plan in plans if plan.action == "update"],
        )

    @staticmethod
    def export_queryset(table_id: str | None = None):
        observations = Observation.objects.filter(table__document__imported_at__isnull=False)
        if table_id:
            observations = observations.filter(table__table_id=table_id)
        return observations.order_by("table", "source_row")

    @staticmethod
    def export_row(observation: Observation) -> dict:
        return {
            "place": observation.place,
            "industry": observation.industry,
            "metric": observation.metric,
            "year": observation.year,
            "value": observation.value,
            "unit": observation.unit,
            "size_band": observation.size_band,
            "kind": observation.kind,
            "note": observation.note,
        }
