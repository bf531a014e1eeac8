"""Load the industry taxonomy from `data/reference/industries.csv`.

A parent comes before its subsectors in the file, so one pass builds the tree. Registered
with `load-sources` first: zones, complexes and mini clusters name these industries.
"""

from __future__ import annotations

from pathlib import Path

from clusterhub.core.reference import LoadReport, ReferenceDataError, _rows, _upsert
from clusterhub.industries.models import Industry


def industries_load(root: Path) -> LoadReport:
    """Upsert every industry of `root / "industries.csv"` (root is normally `data/reference`)."""
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
    return report
