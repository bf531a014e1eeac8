"""The columns of the follow-ups-due and success-story lists' downloads
(`clusterhub.core.downloads`)."""

from __future__ import annotations

from clusterhub.core.downloads import field

FOLLOWUP_COLUMNS = (
    field("due_on"),
    field("days_overdue"),
    field("application", "application.reference"),
    field("title", "application.title"),
    field("organization", "application.organization.slug"),
    field("organization_name_ko", "application.organization.name_ko"),
    field("organization_name_en", "application.organization.name_en"),
    field("mini_cluster", "application.mini_cluster.slug"),
    field("period"),
    field("recorded"),
    field("expected"),
    field("reminded_at"),
)

STORY_COLUMNS = (
    field("id"),
    field("title_ko"),
    field("title_en"),
    field("summary_ko"),
    field("summary_en"),
    field("application", "application.reference"),
    field("organization", "application.organization.slug"),
    field("organization_name_ko", "application.organization.name_ko"),
    field("organization_name_en", "application.organization.name_en"),
    field("mini_cluster", "application.mini_cluster.slug"),
    field("year", "application.year"),
    field("published_at"),
)
