"""The columns of the application list's and the difficulty inbox's downloads
(`clusterhub.core.downloads`)."""

from __future__ import annotations

from clusterhub.core.downloads import field

APPLICATION_COLUMNS = (
    field("reference"),
    field("title"),
    field("organization", "organization.slug"),
    field("organization_name_ko", "organization.name_ko"),
    field("organization_name_en", "organization.name_en"),
    field("support_type", "support_type.code"),
    field("mini_cluster", "mini_cluster.slug"),
    field("year"),
    field("state"),
)

DIFFICULTY_COLUMNS = (
    field("id"),
    field("mini_cluster", "mini_cluster.slug"),
    field("mini_cluster_name_ko", "mini_cluster.name_ko"),
    field("mini_cluster_name_en", "mini_cluster.name_en"),
    field("organization", "organization.slug"),
    field("organization_name_ko", "organization.name_ko"),
    field("organization_name_en", "organization.name_en"),
    field("category"),
    field("urgency"),
    field("activity", "activity.pk"),
    field("activity_title_ko", "activity.title_ko"),
    field("activity_title_en", "activity.title_en"),
    field("created_at"),
)
