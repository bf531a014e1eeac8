"""Load the 81 pan-regional mini clusters of 2010 from `data/reference/mini_clusters.csv`.

After the industries and the hub complexes they name (`load-sources` runs their loaders
first).
"""

from __future__ import annotations

from pathlib import Path

from clusterhub.core.reference import LoadReport, ReferenceDataError, _industries, _rows, _upsert
from clusterhub.geography.models import Complex
from clusterhub.industries.models import Industry
from clusterhub.networks.models import MiniCluster

MINI_CLUSTER_LIST_SOURCE = "003_076fb32e6e3be07e.txt, MINI CLUSTER LIST (line 8388)"
MINI_SITE_BASE = "http://mini.e-cluster.net/"


def mini_clusters_load(root: Path) -> LoadReport:
    """Upsert every mini cluster of `root / "mini_clusters.csv"` (root: `data/reference`)."""
    report = LoadReport()
    by_code = {industry.code: industry for industry in Industry.objects.all()}
    complexes = {complex_.code: complex_ for complex_ in Complex.objects.all()}
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
    return report
