"""The API v1 of Cluster Hub: one `NinjaAPI`, its conventions, and the routers of each area.

Mounted at `/api/v1/` (config/urls.py), outside the language prefixes; OpenAPI 3 at
`/api/v1/openapi.json`, interactive docs at `/api/v1/docs`. See docs/api.md.
"""

from clusterhub.api.auth import token_optional
from clusterhub.api.conventions import ClusterHubAPI, VendoredSwagger
from clusterhub.api.endpoints import (  # noqa: F401 (participation: see below)
    directory,
    networks,
    participation,
    pipeline,
    places,
    records,
    results,
    statistics,
)
from clusterhub.api.problems import problem_handlers_install
from clusterhub.api.throttling import ApiRateThrottle

DESCRIPTION = """Cluster Hub's open API. Public reads need no token; signed reads and writes
take a personal API token (`Authorization: Bearer …`, created on your "API tokens" page).
Lists take `limit` (1–1000, default 100) and `offset` and answer `count`, `limit`, `offset`
and `items`. Dates are ISO 8601; decimal values are JSON strings ("12.50") so no digit is
lost; every named thing has `name_ko` and `name_en`. Errors are RFC 9457 problem details.
Successful reads carry an ETag (send `If-None-Match` for a 304). Calls are rate-limited per
token, or per address without one (429 with `Retry-After`)."""

api = ClusterHubAPI(
    title="Cluster Hub API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-1",
    docs=VendoredSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    auth=token_optional,
    throttle=ApiRateThrottle(),
)
problem_handlers_install(api)

# `participation` adds its writes to the mini clusters' router (`networks.router`).
for area in (places, networks, directory, results, statistics, pipeline, records):
    api.add_router("/", area.router)
