"""How much the scaled demo generates: the `regional` and `national` presets."""

from __future__ import annotations

from dataclasses import dataclass

# `003_…` [Mini clusters by year], 2009: 5,413 members in 55 mini clusters.
MEMBERS_PER_MINI_CLUSTER = 98
# Activities and statistics cover the `statistics_years` up to this year.
STATISTICS_LAST_YEAR = 2025


@dataclass(frozen=True)
class Scale:
    """How much to generate. Complexes and mini clusters count the real ones too."""

    name: str
    complexes: int
    organizations: int
    experts: int
    mini_clusters: int
    attendance_rows: int
    gwangju_photonics_companies: int
    members_per_mini_cluster: int = MEMBERS_PER_MINI_CLUSTER
    statistics_years: int = 20


SCALES = {
    "national": Scale(
        "national",
        complexes=1_200,
        organizations=120_000,
        experts=10_000,
        mini_clusters=200,
        attendance_rows=1_000_000,
        gwangju_photonics_companies=310,
    ),
    # A tenth of national; the 81 real mini clusters already exceed a tenth of 200.
    "regional": Scale(
        "regional",
        complexes=120,
        organizations=12_000,
        experts=1_000,
        mini_clusters=20,
        attendance_rows=100_000,
        gwangju_photonics_companies=31,
    ),
}
SCALE_CHOICES = ["small", *SCALES]
