"""Public reads of the program's results: published success stories and the goals table
(the source documents' goals and those entered on the platform, with achievement ratios)."""

import datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from clusterhub.accounts.actors import ANONYMOUS_ACTOR
from clusterhub.api.conventions import LimitOffset
from clusterhub.api.problems import problems
from clusterhub.evaluation import selectors as evaluation
from clusterhub.outcomes import policies as outcomes_policies
from clusterhub.outcomes import selectors as outcomes

router = Router(tags=["results"])


class StoryOut(Schema):
    """A published success story, told with the applicant company's consent."""

    id: int
    name_ko: str
    name_en: str
    summary_ko: str
    summary_en: str
    body_ko: str
    body_en: str
    application: str
    organization: str
    mini_cluster: str
    published_at: datetime.datetime
    is_demo: bool

    @staticmethod
    def resolve_name_ko(story) -> str:
        return story.title_ko

    @staticmethod
    def resolve_name_en(story) -> str:
        return story.title_en

    @staticmethod
    def resolve_application(story) -> str:
        return story.application.reference

    @staticmethod
    def resolve_organization(story) -> str:
        return story.application.organization.slug

    @staticmethod
    def resolve_mini_cluster(story) -> str:
        return story.application.mini_cluster.slug


class GoalOut(Schema):
    """A goal with its base, target and actual; `source_tables` names where a goal loaded
    from the sources was read, `entity_*` whom a platform goal is about."""

    id: int
    level: str
    entity_id: int
    entity_name_ko: str
    entity_name_en: str
    name_ko: str
    name_en: str
    metric: str
    metric_ko: str
    metric_en: str
    unit_ko: str
    unit_en: str
    direction: str
    base_year: int | None
    base_value: Decimal | None
    goal_year: int
    goal_value: Decimal
    actual_value: Decimal | None
    achievement_ratio: Decimal | None
    source_tables: list[str]


def _goal_out(goal, *, entity=None, tables=()) -> dict:
    fields = {name: getattr(goal, name) for name in GoalOut.model_fields if hasattr(goal, name)}
    return {
        **fields,
        "name_ko": goal.subject_ko,
        "name_en": goal.subject_en,
        "entity_name_ko": entity.name_ko if entity else "",
        "entity_name_en": entity.name_en if entity else "",
        "achievement_ratio": goal.achievement_ratio,
        "source_tables": [table.table_id for table in tables],
    }


@router.get(
    "/success-stories",
    response=list[StoryOut],
    summary="Published success stories, newest first",
)
@paginate(LimitOffset)
def story_list(request: HttpRequest):
    return outcomes.story_list_published()


@router.get("/success-stories/{story_id}", response={200: StoryOut, **problems(404)})
def story_detail(request: HttpRequest, story_id: int):
    # Asked as a visitor: a draft is its writers' work on the pages, not a public record.
    return outcomes_policies.access_story_for_view(ANONYMOUS_ACTOR, story_id)


@router.get(
    "/goals",
    response=list[GoalOut],
    summary="Goals: the sources' (by year and subject), then the platform's",
)
@paginate(LimitOffset)
def goal_list(request: HttpRequest, year: int | None = None):
    source = [_goal_out(row.goal, tables=row.tables) for row in evaluation.source_goals(year=year)]
    platform = [
        _goal_out(row.goal, entity=row.entity) for row in evaluation.platform_goals(year=year)
    ]
    return source + platform
