"""Reads for surveys: who a survey reaches, lists, response rates, per-question results, and
the satisfaction score the evaluation module relies on. A fixed number of queries each.

The satisfaction score (`satisfaction_for`) is the contract with `clusterhub.evaluation`:
the mean of the 1–5 ratings given to questions that count toward satisfaction, mapped to
0–100 as (mean − 1) / 4 × 100 and rounded to 0.1, over the open and closed surveys of a
year whose target is the entity or lies inside it (a mini cluster lies in its hub complex
and that complex's zone; everything lies in the program).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from clusterhub.directory.models import Affiliation, ExpertProfile, Organization
from clusterhub.networks.models import MiniClusterMembership
from clusterhub.outcomes.schedule import OUTCOME_STATES
from clusterhub.pipeline.models import Application, Participant
from clusterhub.review.models import Review
from clusterhub.surveys.models import (
    LIKERT_MAX,
    LIKERT_MIN,
    Answer,
    Audience,
    Invitation,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyLevel,
    SurveyStatus,
)
from clusterhub.surveys.policies import SURVEY_RELATED

# Drafts have no invitations or answers; open and closed surveys both count.
COUNTED_STATUSES = (SurveyStatus.OPEN, SurveyStatus.CLOSED)
LIKERT_VALUES = tuple(range(LIKERT_MIN, LIKERT_MAX + 1))
ONE_DECIMAL = Decimal("0.1")


# ---------------------------------------------------------------- targets


def target_filter(*, level: str, entity_id: int | None, prefix: str = "") -> Q:
    """A filter on `Survey` (or, with `prefix`, on what leads to one): surveys whose target
    is the entity or lies inside it."""
    if level == SurveyLevel.PROGRAM:
        if entity_id is not None:
            raise ValueError("the program level takes no entity id")
        return Q()
    if entity_id is None:
        raise ValueError(f"the {level} level needs an entity id")
    if level == SurveyLevel.ZONE:
        paths = ("zone_id", "complex__zone_id", "mini_cluster__hub__zone_id")
    elif level == SurveyLevel.COMPLEX:
        paths = ("complex_id", "mini_cluster__hub_id")
    elif level == SurveyLevel.MINI_CLUSTER:
        paths = ("mini_cluster_id",)
    else:
        raise ValueError(f"unknown level {level!r}")
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{prefix}{path}": entity_id})
    return condition


def _mini_clusters_of_target(survey: Survey, *, prefix: str) -> Q:
    """A filter, through `prefix` (a path to a mini cluster), on the target's mini clusters."""
    if survey.level == SurveyLevel.MINI_CLUSTER:
        return Q(**{f"{prefix}": survey.mini_cluster_id})
    active = Q(**{f"{prefix}__is_active": True})
    if survey.level == SurveyLevel.COMPLEX:
        return active & Q(**{f"{prefix}__hub_id": survey.complex_id})
    if survey.level == SurveyLevel.ZONE:
        return active & Q(**{f"{prefix}__hub__zone_id": survey.zone_id})
    return active


def _current_membership(today: datetime.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}joined_on__lte": today}) & (
        Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gt": today})
    )


def _current_affiliation(today: datetime.date) -> Q:
    return Q(ended_on__isnull=True) | Q(ended_on__gte=today)


def _organizations_within(survey: Survey, today: datetime.date) -> Q:
    """A filter on `Organization`: the organizations that lie within the survey's target.

    Within a mini cluster: its current members. Within a complex or a zone: organizations
    located there. Within the program: every organization.
    """
    if survey.level == SurveyLevel.MINI_CLUSTER:
        return Q(
            pk__in=MiniClusterMembership.objects.filter(
                _current_membership(today), mini_cluster_id=survey.mini_cluster_id
            ).values("organization_id")
        )
    if survey.level == SurveyLevel.COMPLEX:
        return Q(complex_id=survey.complex_id)
    if survey.level == SurveyLevel.ZONE:
        return Q(zone_id=survey.zone_id)
    return Q()


def _company_people(survey: Survey, today: datetime.date) -> list[int]:
    """The current people of the applicants and consortium participants of the target's
    projects completed, continued or in follow-up, of the survey year."""
    projects = Application.objects.filter(
        _mini_clusters_of_target(survey, prefix="mini_cluster"),
        year=survey.year,
        state__in=OUTCOME_STATES,
    )
    organizations = Q(organization_id__in=projects.values("organization_id")) | Q(
        organization_id__in=Participant.objects.filter(application__in=projects).values(
            "organization_id"
        )
    )
    return list(
        Affiliation.objects.filter(organizations, _current_affiliation(today))
        .order_by("person_id")
        .values_list("person_id", flat=True)
        .distinct()
    )


def _member_people(survey: Survey, today: datetime.date) -> list[int]:
    """The current people of organizations currently members of the target's mini clusters."""
    members = MiniClusterMembership.objects.filter(
        _mini_clusters_of_target(survey, prefix="mini_cluster"), _current_membership(today)
    ).values("organization_id")
    return list(
        Affiliation.objects.filter(_current_affiliation(today), organization_id__in=members)
        .order_by("person_id")
        .values_list("person_id", flat=True)
        .distinct()
    )


def _expert_people(survey: Survey, today: datetime.date) -> list[int]:
    """Experts of the pool who submitted a review, in a round of the survey year, of a
    project within the target, or who currently work at an organization within the target.
    For the whole program: every expert of the pool."""
    experts = ExpertProfile.objects.all()
    if survey.level != SurveyLevel.PROGRAM:
        reviewed = Review.objects.filter(
            _mini_clusters_of_target(survey, prefix="assignment__application__mini_cluster"),
            submitted_at__isnull=False,
            assignment__round__year=survey.year,
        ).values("assignment__member__expert__person_id")
        affiliated = Affiliation.objects.filter(
            _current_affiliation(today),
            organization_id__in=Organization.objects.filter(
                _organizations_within(survey, today)
            ).values("pk"),
        ).values("person_id")
        experts = experts.filter(Q(person_id__in=reviewed) | Q(person_id__in=affiliated))
    return list(experts.order_by("person_id").values_list("person_id", flat=True))


AUDIENCE_RESOLVERS = {
    Audience.COMPANIES: _company_people,
    Audience.MEMBERS: _member_people,
    Audience.EXPERTS: _expert_people,
}


def survey_invitees(*, survey: Survey, today: datetime.date) -> dict[int, str]:
    """Who opening the survey would invite: person id → the audience that reaches them
    (the first of the survey's audiences, in `Audience` order). One query per audience."""
    invitees: dict[int, str] = {}
    for audience in Audience.values:
        if audience not in survey.audiences:
            continue
        for person_id in AUDIENCE_RESOLVERS[audience](survey, today):
            invitees.setdefault(person_id, audience)
    return invitees


def invitee_counts(invitees: dict[int, str]) -> list[tuple[str, int]]:
    """(audience label, people) for each audience with invitees, in `Audience` order."""
    counts = dict.fromkeys(Audience.values, 0)
    for audience in invitees.values():
        counts[audience] += 1
    return [(Audience(a).label, n) for a, n in counts.items() if n]


# ---------------------------------------------------------------- lists


def _count_of(queryset: QuerySet, field: str = "survey") -> Coalesce:
    return Coalesce(
        Subquery(
            queryset.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def survey_list(
    *, scope: Q, year: int | None = None, status: str | None = None
) -> QuerySet[Survey]:
    """Surveys in `scope`, newest year first, with their counts of questions, invitations and
    responses. One query."""
    surveys = Survey.objects.filter(scope)
    if year:
        surveys = surveys.filter(year=year)
    if status:
        surveys = surveys.filter(status=status)
    return (
        surveys.select_related(*SURVEY_RELATED)
        .annotate(
            question_count=_count_of(Question.objects.all()),
            invited_count=_count_of(Invitation.objects.all()),
            response_count=_count_of(Response.objects.all()),
        )
        .order_by("-year", "-id")
    )


def survey_years(*, scope: Q) -> list[int]:
    return list(
        Survey.objects.filter(scope).order_by("-year").values_list("year", flat=True).distinct()
    )


def survey_questions(*, survey: Survey) -> list[Question]:
    questions = list(Question.objects.filter(survey=survey).order_by("position", "id"))
    for question in questions:
        question.survey = survey
    return questions


# ---------------------------------------------------------------- results


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _score(total: int | None, count: int) -> Decimal | None:
    """The 0–100 score of `count` ratings summing to `total`: (mean − 1) / 4 × 100."""
    if not count:
        return None
    exact = (Decimal(total) - Decimal(count)) * 100 / (Decimal(count) * (LIKERT_MAX - LIKERT_MIN))
    return exact.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rate:
    audience: str | None  # None for the survey as a whole
    invited: int
    responded: int

    @property
    def label(self) -> str:
        return Audience(self.audience).label if self.audience else ""

    @property
    def percent(self) -> Decimal | None:
        return _percent(self.responded, self.invited)


@dataclass(frozen=True)
class ResponseRates:
    overall: Rate
    by_audience: list[Rate]


def response_rates(*, survey: Survey) -> ResponseRates:
    """Invitations and responses, overall and per audience. One query."""
    rows = {
        row["audience"]: row
        for row in Invitation.objects.filter(survey=survey)
        .values("audience")
        .annotate(invited=Count("pk"), responded=Count("pk", filter=Q(responded_at__isnull=False)))
        .order_by()
    }
    by_audience = [
        Rate(
            audience=audience,
            invited=rows.get(audience, {}).get("invited", 0),
            responded=rows.get(audience, {}).get("responded", 0),
        )
        for audience in Audience.values
        if audience in survey.audiences or audience in rows
    ]
    return ResponseRates(
        overall=Rate(
            audience=None,
            invited=sum(rate.invited for rate in by_audience),
            responded=sum(rate.responded for rate in by_audience),
        ),
        by_audience=by_audience,
    )


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    counts: tuple[int, ...]  # how many gave 1, 2, 3, 4, 5
    texts: tuple[str, ...]

    @property
    def answered(self) -> int:
        return sum(self.counts) if self.question.is_likert else len(self.texts)

    @property
    def mean(self) -> Decimal | None:
        rated = sum(self.counts)
        if not rated:
            return None
        total = sum(value * n for value, n in zip(LIKERT_VALUES, self.counts, strict=True))
        return (Decimal(total) / Decimal(rated)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def distribution(self) -> list[tuple[int, int, Decimal | None]]:
        """(rating, count, percent of the ratings) for 1…5."""
        rated = sum(self.counts)
        return [
            (value, n, _percent(n, rated))
            for value, n in zip(LIKERT_VALUES, self.counts, strict=True)
        ]


def question_results(*, survey: Survey) -> list[QuestionResult]:
    """Each question with its 1–5 distribution, or its text answers. Three queries."""
    questions = survey_questions(survey=survey)
    counts: dict[tuple[int, int], int] = {
        (row["question_id"], row["likert"]): row["n"]
        for row in Answer.objects.filter(question__survey=survey, likert__isnull=False)
        .values("question_id", "likert")
        .annotate(n=Count("pk"))
        .order_by()
    }
    texts: dict[int, list[str]] = {}
    for question_id, text in (
        Answer.objects.filter(question__survey=survey, question__kind=QuestionKind.TEXT)
        .exclude(text="")
        .order_by("question_id", "response_id")
        .values_list("question_id", "text")
    ):
        texts.setdefault(question_id, []).append(text)
    return [
        QuestionResult(
            question=question,
            counts=tuple(counts.get((question.pk, value), 0) for value in LIKERT_VALUES),
            texts=tuple(texts.get(question.pk, ())),
        )
        for question in questions
    ]


def survey_score(*, survey: Survey) -> Decimal | None:
    """One survey's satisfaction score (0–100), as `satisfaction_for` counts it. One query."""
    totals = _satisfaction_answers(Q(response__survey=survey)).aggregate(
        total=Sum("likert"), count=Count("pk")
    )
    return _score(totals["total"], totals["count"])


def results_chart(results: list[QuestionResult]) -> dict:
    """The grouped bar chart of the rating questions: how many gave each rating."""
    rated = [result for result in results if result.question.is_likert]
    return {
        "labels": [f"Q{result.question.number}" for result in rated],
        "datasets": [
            {"label": str(value), "values": [result.counts[index] for result in rated]}
            for index, value in enumerate(LIKERT_VALUES)
        ],
    }


# ---------------------------------------------------------------- satisfaction


@dataclass(frozen=True)
class Satisfaction:
    score: Decimal | None  # 0–100: (mean − 1) / 4 × 100 of the counted ratings, to 0.1
    responses: int  # responses counted
    invited: int  # invitations sent
    survey_ids: tuple[int, ...]


def _counted_surveys(*, level: str, entity_id: int | None, year: int) -> QuerySet[Survey]:
    return Survey.objects.filter(
        target_filter(level=level, entity_id=entity_id),
        year=year,
        status__in=COUNTED_STATUSES,
    )


def _satisfaction_answers(condition: Q) -> QuerySet[Answer]:
    return Answer.objects.filter(
        condition,
        question__kind=QuestionKind.LIKERT5,
        question__counts_toward_satisfaction=True,
        likert__isnull=False,
    )


def satisfaction_for(*, level: str, entity_id: int | None, year: int) -> Satisfaction:
    """The satisfaction of an entity (`level` one of mini_cluster, complex, zone, program;
    `entity_id` None for the program) in a year. At most four queries, whatever the data."""
    survey_ids = tuple(
        _counted_surveys(level=level, entity_id=entity_id, year=year)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not survey_ids:
        return Satisfaction(score=None, responses=0, invited=0, survey_ids=())
    totals = _satisfaction_answers(Q(response__survey_id__in=survey_ids)).aggregate(
        total=Sum("likert"), count=Count("pk")
    )
    return Satisfaction(
        score=_score(totals["total"], totals["count"]),
        responses=Response.objects.filter(survey_id__in=survey_ids).count(),
        invited=Invitation.objects.filter(survey_id__in=survey_ids).count(),
        survey_ids=survey_ids,
    )


def satisfaction_responses(*, level: str, entity_id: int | None, year: int) -> QuerySet[Response]:
    """The responses behind `satisfaction_for`, with their survey and its target, for
    drill-down. Anonymous surveys' responses carry no invitation."""
    return (
        Response.objects.filter(
            survey__in=_counted_surveys(level=level, entity_id=entity_id, year=year)
        )
        .select_related(*(f"survey__{name}" for name in SURVEY_RELATED))
        .order_by("survey_id", "submitted_at", "id")
    )
