"""The columns of the networks app's list downloads (`clusterhub.core.downloads`).

The members' download has exactly the columns of the exchange app's `memberships` import,
written as that importer reads them (slugs for references, ISO dates), so a coordinator can
download the members, correct them in a spreadsheet and import the file back.
"""

from __future__ import annotations

from clusterhub.core.downloads import field

MINI_CLUSTER_COLUMNS = (
    field("slug"),
    field("name_ko"),
    field("name_en"),
    field("hub", "hub.code"),
    field("zone", "hub.zone.code"),
    field("industry", "industry.code"),
    field("member_count"),
)

MEMBERSHIP_COLUMNS = (
    field("mini_cluster", "mini_cluster.slug"),
    field("organization", "organization.slug"),
    field("role"),
    field("joined_on"),
    field("left_on"),
)
