"""The columns of the committee round list's download (`clusterhub.core.downloads`)."""

from __future__ import annotations

from clusterhub.core.downloads import field

ROUND_COLUMNS = (
    field("id"),
    field("name"),
    field("year"),
    field("support_type", "support_type.code"),
    field("rubric_name_ko", "rubric.name_ko"),
    field("rubric_name_en", "rubric.name_en"),
    field("state"),
    field("application_count"),
    field("member_count"),
    field("submitted_count"),
    field("assignment_count"),
    field("quorum"),
)
