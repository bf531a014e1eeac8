"""Load the reference data (`data/reference/*.csv`): zones, industries, complexes, mini clusters.

Idempotent: each row is matched on its code; a row that already matches is left alone, so a
second load changes nothing and says so. Transactional: a bad row aborts the whole load with
an error naming the file and the row, and the database stays as it was.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from clusterhub.geography.models import Complex, ComplexLink, ComplexType, ProgramPhase, Zone
from clusterhub.industries.models import Industry
from clusterhub.networks.models import MiniCluster

MINI_CLUSTER_LIST_SOURCE = "003_076fb32e6e3be07e.txt, MINI CLUSTER LIST (line 8388)"
MINI_SITE_BASE = "http://mini.e-cluster.net/"


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


def _industries(codes: str, by_code: dict, path: Path, number: int) -> list[Industry]:
    result = []
    for code in filter(None, (c.strip() for c in codes.split(";"))):
        if code not in by_code:
            raise ReferenceDataError(f"{path}, row {number}: unknown industry '{code}'")
        result.append(by_code[code])
    return result


@transaction.atomic
def reference_load(root: Path) -> LoadReport:
    """Load every reference file under `root` (normally `data/reference`)."""
    report = LoadReport()

    industries_path = root / "industries.csv"
    by_code: dict[str, Industry] = {}
    for number, row in _rows(
        industries_path, {"code", "parent", "position", "name_ko", "name_en", "source"}
    ):
        parent = None
        if row["parent"]:
            if row["parent"] not in by_code:
                raise ReferenceDataError(
                    f"{industries_path}, row {number}: parent '{row['parent']}' must come first"
                )
            parent = by_code[row["parent"]]
        if not row["name_ko"] or not row["name_en"]:
            raise ReferenceDataError(f"{industries_path}, row {number}: both names are required")
        try:
            position = int(row["position"] or 0)
        except ValueError as exc:
            raise ReferenceDataError(
                f"{industries_path}, row {number}: position '{row['position']}' is not a number"
            ) from exc
        by_code[row["code"]] = _upsert(
            Industry,
            {"code": row["code"]},
            {
                "parent": parent,
                "position": position,
                "name_ko": row["name_ko"],
                "name_en": row["name_en"],
                "source": row["source"],
            },
            report,
            "industries",
        )

    zones_path = root / "zones.csv"
    zones: dict[str, Zone] = {}
    zone_columns = {
        "code",
        "position",
        "name_ko",
        "name_en",
        "provinces_ko",
        "provinces_en",
        "vision_ko",
        "vision_en",
        "specialized_industries",
        "source",
    }
    for number, row in _rows(zones_path, zone_columns):
        zone = _upsert(
            Zone,
            {"code": row["code"]},
            {
                "position": int(row["position"]),
                **{
                    key: row[key]
                    for key in zone_columns - {"code", "position", "specialized_industries"}
                },
            },
            report,
            "zones",
        )
        _set_m2m(
            zone.specialized_industries,
            _industries(row["specialized_industries"], by_code, zones_path, number),
            report,
            "zone industries",
        )
        zones[row["code"]] = zone

    complexes_path = root / "complexes.csv"
    complexes: dict[str, Complex] = {}
    links: list[tuple[str, str, str, int]] = []
    for number, row in _rows(
        complexes_path,
        {
            "code",
            "zone",
            "name_ko",
            "name_en",
            "complex_type",
            "is_hub",
            "program_phase",
            "specialized_industries",
            "city_ko",
            "city_en",
            "hub",
            "source",
        },
    ):
        if row["zone"] not in zones:
            raise ReferenceDataError(
                f"{complexes_path}, row {number}: unknown zone '{row['zone']}'"
            )
        complex_ = _upsert(
            Complex,
            {"code": row["code"]},
            {
                "zone": zones[row["zone"]],
                "name_ko": row["name_ko"],
                "name_en": row["name_en"],
                "complex_type": _choice(
                    row["complex_type"], ComplexType, complexes_path, number, "complex_type"
                ),
                "is_hub": row["is_hub"] == "1",
                "program_phase": _choice(
                    row["program_phase"], ProgramPhase, complexes_path, number, "program_phase"
                ),
                "city_ko": row["city_ko"],
                "city_en": row["city_en"],
                "source": row["source"],
            },
            report,
            "complexes",
        )
        _set_m2m(
            complex_.specialized_industries,
            _industries(row["specialized_industries"], by_code, complexes_path, number),
            report,
            "complex industries",
        )
        complexes[row["code"]] = complex_
        if row["hub"]:
            links.append((row["hub"], row["code"], row["source"], number))
    for hub_code, connected_code, source, number in links:
        if hub_code not in complexes:
            raise ReferenceDataError(f"{complexes_path}, row {number}: unknown hub '{hub_code}'")
        _upsert(
            ComplexLink,
            {"hub": complexes[hub_code], "connected": complexes[connected_code]},
            {"source": source},
            report,
            "complex links",
        )

    mini_clusters_path = root / "mini_clusters.csv"
    for number, row in _rows(
        mini_clusters_path, {"hub", "slug", "name_en", "name_ko", "site", "extension", "industry"}
    ):
        if row["hub"] not in complexes:
            raise ReferenceDataError(
                f"{mini_clusters_path}, row {number}: unknown hub '{row['hub']}'"
            )
        industry = _industries(row["industry"], by_code, mini_clusters_path, number)
        _upsert(
            MiniCluster,
            {"slug": row["slug"]},
            {
                "hub": complexes[row["hub"]],
                "name_en": row["name_en"],
                "name_ko": row["name_ko"],
                "industry": industry[0] if industry else None,
                "legacy_site_url": MINI_SITE_BASE + row["site"] if row["site"] else "",
                "phone_extension": row["extension"],
                "source": MINI_CLUSTER_LIST_SOURCE,
            },
            report,
            "mini clusters",
        )
    _support_types_load(root / "support_types.csv", report)
    return report


def _support_types_load(path: Path, report: LoadReport) -> None:
    """The support-type catalogue: names and years from the source; rules only on creation."""
    from clusterhub.pipeline.models import OverLimitAction, SupportType

    rows = list(
        _rows(
            path,
            {
                "code",
                "position",
                "name_ko",
                "name_en",
                "first_year",
                "last_year",
                "successor",
                "eligible_sizes",
                "requires_membership",
                "cap_per_project",
                "cofunding_ratio",
                "yearly_limit_per_company",
                "over_limit_action",
            },
        )
    )
    by_code = {}
    for number, row in rows:
        try:
            catalogue = {
                "position": int(row["position"]),
                "name_ko": row["name_ko"],
                "name_en": row["name_en"],
                "first_year": int(row["first_year"]),
                "last_year": int(row["last_year"]) if row["last_year"] else None,
                "source": "003_076fb32e6e3be07e.txt, [Changes in the Projects since the Launch "
                "of the Pan Regional Cluster Program]",
            }
            settings_on_create = {
                "eligible_sizes": [s for s in row["eligible_sizes"].split(";") if s],
                "requires_membership": row["requires_membership"] == "1",
                "cap_per_project": Decimal(row["cap_per_project"])
                if row["cap_per_project"]
                else None,
                "cofunding_ratio": Decimal(row["cofunding_ratio"] or "0"),
                "yearly_limit_per_company": int(row["yearly_limit_per_company"])
                if row["yearly_limit_per_company"]
                else None,
                "over_limit_action": _choice(
                    row["over_limit_action"], OverLimitAction, path, number, "over_limit_action"
                ),
            }
        except (ValueError, ArithmeticError) as exc:
            raise ReferenceDataError(f"{path}, row {number}: {exc}") from exc
        existing = SupportType.objects.filter(code=row["code"]).first()
        if existing is None:
            by_code[row["code"]] = _upsert(
                SupportType,
                {"code": row["code"]},
                {**catalogue, **settings_on_create},
                report,
                "support types",
            )
        else:
            by_code[row["code"]] = _upsert(
                SupportType, {"code": row["code"]}, catalogue, report, "support types"
            )
    for number, row in rows:
        successor = row["successor"]
        if successor and successor not in by_code:
            raise ReferenceDataError(f"{path}, row {number}: unknown successor '{successor}'")
        target = by_code[successor] if successor else None
        support_type = by_code[row["code"]]
        if support_type.successor_id != (target.pk if target else None):
            support_type.successor = target
            support_type.save(update_fields=["successor"])
            report.record("support types", "updated")
