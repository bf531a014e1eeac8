"""What the survey service tests share: a survey's fields, a survey with one question, and
who it invited."""

import datetime

from clusterhub.surveys.models import Invitation, SurveyLevel
from tests.surveys import factories as sf

NOW = datetime.datetime(2026, 10, 5, 10, 30, tzinfo=datetime.UTC)


def _fields(**overrides):
    fields = {
        "title_ko": "2026 만족도 조사",
        "title_en": "2026 satisfaction survey",
        "intro_ko": "",
        "intro_en": "",
        "year": 2026,
        "level": SurveyLevel.ZONE,
        "mini_cluster": None,
        "complex": None,
        "zone": None,
        "audience_companies": False,
        "audience_members": True,
        "audience_experts": False,
        "is_anonymous": False,
        "closes_on": None,
    }
    fields.update(overrides)
    return fields


def _survey(target, **kwargs):
    survey = sf.survey_about(target, **kwargs)
    sf.QuestionFactory(survey=survey)
    return survey


def _invited(survey) -> dict[int, str]:
    return dict(Invitation.objects.filter(survey=survey).values_list("person_id", "audience"))
