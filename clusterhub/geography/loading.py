"""Load the pan-regional zones, industrial complexes and hub→connected links.

From `data/reference/zones.csv` and `complexes.csv`, after the industries they name
(`industries.loading` runs first in `load-sources`).
"""

from __future__ import annotations

from pathlib import Path

from clusterhub.core.reference import (
    LoadReport,
    ReferenceDataError,
    _choice,
    _industries,
    _rows,
    _set_m2m,
    _upsert,
)
from clusterhub.geography.models import Complex, ComplexLink, ComplexType, ProgramPhase, Zone


def _industries_by_code() -> dict:
    """The loaded industries by code, reached through the zones' relation to them.

    Geography and industries sit side by side, so geography names the model only through
    its own field.
    """
    industry_model = Zone._meta.get_field("specialized_industries").related_model
    return {industry.code: industry for industry in industry_model.objects.all()}


def zones_and_complexes_load(root: Path) -> LoadReport:
    """Upsert the zones, complexes and links under `root` (normally `data/reference`)."""
    report = LoadReport()
    by_code = _industries_by_code()

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
    return report
