"""The columns of the zone and complex lists' downloads (`clusterhub.core.downloads`)."""

from __future__ import annotations

from clusterhub.core.downloads import Column, field


def _industry_codes(place) -> str:
    return "; ".join(industry.code for industry in place.specialized_industries.all())


ZONE_COLUMNS = (
    field("code"),
    field("name_ko"),
    field("name_en"),
    field("provinces_ko"),
    field("provinces_en"),
    Column("specialized_industries", _industry_codes),
    field("hub_count"),
    field("complex_count"),
)

COMPLEX_COLUMNS = (
    field("code"),
    field("name_ko"),
    field("name_en"),
    field("zone", "zone.code"),
    field("complex_type"),
    field("is_hub"),
    Column("specialized_industries", _industry_codes),
    field("mini_cluster_count"),
)
