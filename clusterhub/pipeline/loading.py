"""Load the support-type catalogue from `data/reference/support_types.csv`.

Names and years come from the source on every load; the eligibility rules, caps and
co-funding ratio only when a type is created, so the program office's later changes stay.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from clusterhub.core.reference import LoadReport, ReferenceDataError, _choice, _rows, _upsert
from clusterhub.pipeline.models import OverLimitAction, SupportType


def support_types_load(root: Path) -> LoadReport:
    """Upsert the catalogue of `root / "support_types.csv"` (root: `data/reference`)."""
    report = LoadReport()
    path = root / "support_types.csv"
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
    return report
