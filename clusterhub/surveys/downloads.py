"""The columns of the survey list's download (`clusterhub.core.downloads`)."""

from __future__ import annotations

from clusterhub.core.downloads import field

SURVEY_COLUMNS = (
    field("id"),
    field("year"),
    field("title_ko"),
    field("title_en"),
    field("level"),
    field("mini_cluster", "mini_cluster.slug"),
    field("complex", "complex.code"),
    field("zone", "zone.code"),
    field("status"),
    field("is_anonymous"),
    field("question_count"),
    field("invited_count"),
    field("response_count"),
)
