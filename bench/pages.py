"""What `make bench` measures: the pages and the timed tasks, one line each.

A page is a URL name (reversed under /ko/), its arguments, an optional query string, and an
optional demo account to sign in as. A page whose URL name does not resolve yet is reported
as "not available yet", so the pages still being built are listed here already: when one
lands, check that its URL name matches and the row starts measuring.

A task is a `clusterhub` command timed on a fresh database, or None while the feature does
not exist; it is then reported as "not available yet", never with a made-up number.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    name: str
    url_name: str
    kwargs: dict[str, str] = field(default_factory=dict)
    query: str = ""
    user: str | None = None


# The baseline every page is compared with: no templates, no session, no database.
HEALTHZ = Page("/healthz", "healthz")

PAGES = [
    Page("home", "portal:home"),
    Page("directory search", "directory:organization_list", query="q=photonics"),
    Page("mini-cluster detail", "networks:mini_cluster_detail", {"slug": "gwangju-led"}),
    Page("complex detail", "geography:complex_detail", {"code": "gwangju"}),
    Page("zone detail", "geography:zone_detail", {"code": "seoul_metropolitan"}),
    Page("statistics explorer", "statistics:explorer"),
    Page("source table", "statistics:table_detail", {"table_id": "d004_t3_photonics_by_year"}),
    Page("source table (demo)", "statistics:table_detail", {"table_id": "demo-companies-honam"}),
    Page("mini-cluster list", "networks:mini_cluster_list"),
    Page("complex list", "geography:complex_list"),
    Page("zone list", "geography:zone_list"),
    Page("source list", "statistics:source_list"),
    Page("my work (coordinator)", "portal:dashboard", user="coordinator"),
    # Pages of the pipeline and evaluation apps, measured once their URL names resolve.
    Page("funnel", "pipeline:funnel", user="office"),
    Page("coordinator inbox", "pipeline:inbox", user="coordinator"),
    Page(
        "scorecard ranking",
        "evaluation:scorecard_list",
        query="year=2026&level=mini_cluster",
        user="office",
    ),
    # The API v1 (no language prefix; reversed as any URL name): three public lists.
    Page("API organizations", "api-1:organization_list", query="zone=honam&limit=100"),
    Page("API mini clusters", "api-1:mini_cluster_list"),
    Page("API observations", "api-1:observation_list", query="limit=1000"),
]


@dataclass(frozen=True)
class Task:
    name: str
    # `clusterhub` arguments, run after `migrate` on an empty database (or, with
    # `on_dataset`, on the bench dataset itself); None: not built yet.
    command: list[str] | None
    on_dataset: bool = False


TASKS = [
    Task("load sources (fresh database)", ["load-sources"]),
    Task("indicator recomputation (2026)", ["recompute-evaluation", "--year", "2026"], True),
    Task(
        "report generation (2026, program, PDF)",
        [
            "build-report",
            "--year",
            "2026",
            "--level",
            "program",
            "--format",
            "pdf",
            "-o",
            "var/bench/report-2026.pdf",
        ],
        True,
    ),
    Task(
        "report generation (2026, mini clusters, XLSX)",
        [
            "build-report",
            "--year",
            "2026",
            "--level",
            "mini_cluster",
            "--format",
            "xlsx",
            "-o",
            "var/bench/report-2026.xlsx",
        ],
        True,
    ),
]
