"""Factories for surveys: surveys, questions, invitations, responses with their answers."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from clusterhub.directory.models import Affiliation
from clusterhub.surveys.models import (
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
from tests import factories as f


class SurveyFactory(DjangoModelFactory):
    """A draft zone survey of 2026 asking mini-cluster members; pass `level=` and the target
    (`mini_cluster=`, `complex=`) for others, with `zone=None`."""

    class Meta:
        model = Survey

    title_ko = factory.Sequence(lambda n: f"만족도 조사 {n}")
    title_en = factory.Sequence(lambda n: f"Satisfaction survey {n}")
    year = 2026
    level = SurveyLevel.ZONE
    zone = factory.SubFactory(f.ZoneFactory)
    audience_members = True


def survey_about(target, **kwargs) -> Survey:
    """A survey whose level follows its target: a mini cluster, complex, zone or None."""
    from clusterhub.geography.models import Complex, Zone
    from clusterhub.networks.models import MiniCluster

    if target is None:
        return SurveyFactory(level=SurveyLevel.PROGRAM, zone=None, **kwargs)
    if isinstance(target, MiniCluster):
        return SurveyFactory(
            level=SurveyLevel.MINI_CLUSTER, zone=None, mini_cluster=target, **kwargs
        )
    if isinstance(target, Complex):
        return SurveyFactory(level=SurveyLevel.COMPLEX, zone=None, complex=target, **kwargs)
    assert isinstance(target, Zone)
    return SurveyFactory(level=SurveyLevel.ZONE, zone=target, **kwargs)


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    position = factory.LazyAttribute(lambda q: Question.objects.filter(survey=q.survey).count())
    text_ko = factory.Sequence(lambda n: f"지원에 만족하십니까? {n}")
    text_en = factory.Sequence(lambda n: f"Are you satisfied with the support? {n}")
    kind = QuestionKind.LIKERT5
    required = True
    counts_toward_satisfaction = True


class TextQuestionFactory(QuestionFactory):
    text_ko = factory.Sequence(lambda n: f"개선할 점을 적어 주세요 {n}")
    text_en = factory.Sequence(lambda n: f"What should improve? {n}")
    kind = QuestionKind.TEXT
    required = False
    counts_toward_satisfaction = False


class InvitationFactory(DjangoModelFactory):
    class Meta:
        model = Invitation

    survey = factory.SubFactory(SurveyFactory, status=SurveyStatus.OPEN)
    person = factory.SubFactory(f.PersonFactory)
    audience = Audience.MEMBERS
    sent_at = factory.LazyFunction(timezone.now)


def opened(survey: Survey, *, on: datetime.date = datetime.date(2026, 10, 1)) -> Survey:
    """Mark a survey open without the service (for reads that need one)."""
    survey.status = SurveyStatus.OPEN
    survey.opens_on = on
    survey.save()
    return survey


def answered(survey: Survey, ratings: dict, *, invitation: Invitation | None = None) -> Response:
    """A response with `ratings` ({question: 1–5 or text}), and an invitation marked answered
    (a new one if not given)."""
    invitation = invitation or InvitationFactory(survey=survey)
    now = timezone.now()
    response = Response.objects.create(
        survey=survey,
        invitation=None if survey.is_anonymous else invitation,
        audience=invitation.audience,
        submitted_at=now,
    )
    Answer.objects.bulk_create(
        [
            Answer(
                response=response,
                question=question,
                likert=value if isinstance(value, int) else None,
                text=value if isinstance(value, str) else "",
            )
            for question, value in ratings.items()
        ]
    )
    invitation.responded_at = now
    invitation.save()
    return response


def affiliated_person(organization, *, email: str = "", ended_on=None, **kwargs):
    """A person working at `organization` (until `ended_on`, if given)."""
    person = f.PersonFactory(email=email, **kwargs)
    Affiliation.objects.create(
        person=person,
        organization=organization,
        started_on=datetime.date(2020, 1, 1),
        ended_on=ended_on,
    )
    return person
