"""Demo satisfaction surveys, opened and answered through the surveys app's own services.

For 2024, 2025 and 2026: one survey per zone that has demo mini-cluster members (companies
after a completed project, members and experts asked), and one survey of a Gwangju mini
cluster; some anonymous. Each is opened through `survey_open`, so its invitations are real,
and 55–80% of the invitations are answered through `response_submit`, with ratings around
a level of satisfaction of the zone's own, so zones differ. The 2024 and 2025 surveys are
closed; the 2026 ones are still open on the demo's day (`population.DEMO_TODAY`).
"""

from __future__ import annotations

import datetime
import random
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError

from clusterhub.accounts.actors import actor_for
from clusterhub.accounts.models import User
from clusterhub.geography.models import Zone
from clusterhub.networks.models import MiniCluster
from clusterhub.surveys import services
from clusterhub.surveys.models import Invitation, Response, Survey, SurveyLevel

YEARS = (2024, 2025, 2026)
# Satisfaction questions in the spirit of the program's self-evaluation (`003_…` [2010 index
# system]: satisfaction of participating companies, experts and associated organizations).
RATING_QUESTIONS = [
    (
        "지원사업의 신청 절차와 안내에 만족하십니까?",
        "Are you satisfied with how to apply and the guidance you received?",
    ),
    (
        "코디네이터의 지원과 소통에 만족하십니까?",
        "Are you satisfied with the coordinator's support and communication?",
    ),
    (
        "포럼·세미나·워크숍 등 네트워킹 활동이 도움이 되었습니까?",
        "Were the networking activities (forums, seminars, workshops) useful to you?",
    ),
    (
        "산학연 협력의 기회가 늘었습니까?",
        "Did your opportunities for industry-university-institute cooperation grow?",
    ),
    (
        "지원받은 과제가 기업 경영에 도움이 되었습니까?",
        "Did the supported project help your business?",
    ),
    (
        "전반적으로 산업단지 클러스터 사업에 만족하십니까?",
        "Overall, are you satisfied with the industrial cluster program?",
    ),
]
TEXT_QUESTION = (
    "개선이 필요한 점이나 바라는 점을 자유롭게 적어 주십시오.",
    "Please tell us what should improve, or anything you would like.",
)
COMMENTS = [
    "해외 바이어 상담회를 늘려 주세요. / More overseas buyer meetings, please.",
    "서류 절차가 간소해졌으면 합니다. / The paperwork could be simpler.",
    "코디네이터가 빠르게 답해 주어 좋았습니다. / The coordinator answered quickly.",
    "기술 세미나 주제가 실제 현장과 잘 맞았습니다. / The seminar topics fit our work well.",
    "지원 금액 한도가 더 높았으면 합니다. / The support cap could be higher.",
    "다른 단지 기업과의 교류 기회가 더 필요합니다. / More exchange with other complexes.",
]
INTRO = (
    "{year}년 클러스터 사업에 참여해 주셔서 감사합니다. 응답은 사업 평가(고객 만족도)와 "
    "개선에 쓰입니다. 5분이면 충분합니다.",
    "Thank you for taking part in the cluster program in {year}. Your answers feed the "
    "program's evaluation (customer satisfaction) and its improvement. It takes five minutes.",
)
SEOUL = zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=SEOUL)


def _rating(rng: random.Random, mean: float) -> int:
    return max(1, min(5, round(rng.gauss(mean, 0.85))))


def surveys_populate(*, seed: int = 2010) -> dict[str, int]:
    """Generate the demo surveys once (nothing if demo surveys exist); returns the counts."""
    if Survey.objects.filter(is_demo=True).exists():
        return {}
    office = User.objects.filter(username="office").first()
    if office is None:
        return {}
    actor = actor_for(office)
    rng = random.Random(seed)
    zones = list(
        Zone.objects.filter(complexes__mini_clusters__memberships__organization__is_demo=True)
        .distinct()
        .order_by("position", "code")
    )
    # Each zone's own level of satisfaction (mean rating), so the zones differ.
    moods = {zone.pk: rng.uniform(3.0, 4.4) for zone in zones}
    gwangju = (
        MiniCluster.objects.filter(hub__code="gwangju", memberships__isnull=False)
        .select_related("hub")
        .order_by("slug")
        .first()
    )
    surveys = []
    for year in YEARS:
        drift = (year - YEARS[0]) * 0.1  # a little more satisfied each year
        for index, zone in enumerate(zones):
            survey = _survey(
                actor,
                rng,
                year=year,
                level=SurveyLevel.ZONE,
                zone=zone,
                title=(
                    f"{year}년 {zone.name_ko} 클러스터 사업 고객 만족도 조사",
                    f"{year} customer satisfaction survey, {zone.name_en}",
                ),
                anonymous=(index + year) % 3 == 0,
                audiences=("companies", "members", "experts"),
            )
            if survey is not None:
                _answer(rng, survey, actor=actor, year=year, mean=moods[zone.pk] + drift)
                surveys.append(survey)
        if gwangju is not None:
            survey = _survey(
                actor,
                rng,
                year=year,
                level=SurveyLevel.MINI_CLUSTER,
                mini_cluster=gwangju,
                title=(
                    f"{year}년 {gwangju.name_ko} 미니클러스터 회원 만족도 조사",
                    f"{year} member satisfaction survey, {gwangju.name_en} mini cluster",
                ),
                anonymous=year == 2025,
                audiences=("companies", "members"),
            )
            if survey is not None:
                mean = moods.get(gwangju.hub.zone_id, 3.8) + drift + 0.2
                _answer(rng, survey, actor=actor, year=year, mean=mean)
                surveys.append(survey)
    ids = [survey.pk for survey in surveys]
    return {
        "surveys": len(surveys),
        "survey invitations": Invitation.objects.filter(survey_id__in=ids).count(),
        "survey responses": Response.objects.filter(survey_id__in=ids).count(),
    }


def _survey(
    actor, rng: random.Random, *, year: int, level: str, title, anonymous: bool, audiences, **target
) -> Survey | None:
    """A demo survey with 4–6 counted rating questions and a text question, opened on
    1 October of its year; None (and no survey) if nobody would be invited."""
    survey = services.survey_create(
        actor=actor,
        title_ko=title[0],
        title_en=title[1],
        intro_ko=INTRO[0].format(year=year),
        intro_en=INTRO[1].format(year=year),
        year=year,
        level=level,
        mini_cluster=target.get("mini_cluster"),
        complex=target.get("complex"),
        zone=target.get("zone"),
        audience_companies="companies" in audiences,
        audience_members="members" in audiences,
        audience_experts="experts" in audiences,
        is_anonymous=anonymous,
        closes_on=datetime.date(year, 11, 30),
    )
    Survey.objects.filter(pk=survey.pk).update(is_demo=True)
    chosen = sorted(rng.sample(range(len(RATING_QUESTIONS)), rng.randint(4, 6)))
    for number in chosen:
        text_ko, text_en = RATING_QUESTIONS[number]
        services.question_add(
            actor=actor,
            survey=survey,
            text_ko=text_ko,
            text_en=text_en,
            kind="likert5",
            required=True,
            counts_toward_satisfaction=True,
        )
    services.question_add(
        actor=actor,
        survey=survey,
        text_ko=TEXT_QUESTION[0],
        text_en=TEXT_QUESTION[1],
        kind="text",
        required=False,
        counts_toward_satisfaction=False,
    )
    try:
        services.survey_open(actor=actor, survey=survey, now=_at(datetime.date(year, 10, 1)))
    except ValidationError:
        survey.delete()
        return None
    survey.refresh_from_db()
    return survey


def _answer(rng: random.Random, survey: Survey, *, actor, year: int, mean: float) -> None:
    """Answer 55–80% of the invitations in October, then close the past years' surveys."""
    share = rng.uniform(0.55, 0.8)
    questions = list(survey.questions.order_by("position"))
    for invitation in Invitation.objects.filter(survey=survey).order_by("pk"):
        if rng.random() >= share:
            continue
        answers: dict[int, object] = {}
        for question in questions:
            if question.is_likert:
                answers[question.pk] = _rating(rng, mean)
            elif rng.random() < 0.4:
                answers[question.pk] = rng.choice(COMMENTS)
        day = datetime.date(year, 10, 1) + datetime.timedelta(days=rng.randint(0, 29))
        services.response_submit(
            token=invitation.token, answers=answers, now=_at(day, rng.randint(9, 18))
        )
    if year < YEARS[-1]:
        services.survey_close(actor=actor, survey=survey, now=_at(datetime.date(year, 12, 1)))
