"""The columns of the scorecard ranking's and the goal list's downloads
(`clusterhub.core.downloads`).

The goal list shows two tables, the goals of the source documents and (to those who have the
evaluation section) the goals set on the platform; its download is one file of both, told
apart by `origin`, with the subject's or the entity's names in both languages.
"""

from __future__ import annotations

from clusterhub.core.downloads import Column, field

SCORECARD_COLUMNS = (
    field("year", "scorecard.system.year"),
    field("level", "entity.level"),
    field("rank", "scorecard.rank"),
    field("entity_id", "entity.entity_id"),
    field("name_ko", "entity.name_ko"),
    field("name_en", "entity.name_en"),
    field("total", "scorecard.total"),
    field("complete", "scorecard.complete"),
)


def _origin(item) -> str:
    return "platform" if hasattr(item, "entity") else "source"


def _name(language: str):
    def value(item) -> str:
        if hasattr(item, "entity"):
            return getattr(item.entity, f"name_{language}")
        return getattr(item.goal, f"subject_{language}")

    return value


def _tables(item) -> str:
    return "; ".join(table.table_id for table in getattr(item, "tables", ()))


GOAL_COLUMNS = (
    Column("origin", _origin),
    field("id", "goal.id"),
    field("level", "goal.level"),
    field("entity_id", "goal.entity_id"),
    Column("name_ko", _name("ko")),
    Column("name_en", _name("en")),
    field("metric", "goal.metric"),
    field("metric_ko", "goal.metric_ko"),
    field("metric_en", "goal.metric_en"),
    field("unit_ko", "goal.unit_ko"),
    field("unit_en", "goal.unit_en"),
    field("base_year", "goal.base_year"),
    field("base_value", "goal.base_value"),
    field("goal_year", "goal.goal_year"),
    field("goal_value", "goal.goal_value"),
    field("actual_value", "goal.actual_value"),
    field("actual_kind", "goal.actual_kind"),
    field("achievement_ratio", "goal.achievement_ratio"),
    field("printed_ratio", "goal.printed_ratio"),
    field("source_ko", "goal.source_ko"),
    field("source_en", "goal.source_en"),
    Column("tables", _tables),
)
