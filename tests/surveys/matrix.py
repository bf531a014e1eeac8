"""Permission-matrix rows for every URL of the surveys app (see tests/test_permission_matrix.py).

Each kwargs function builds a survey of the world's zone, in the state its URL needs. Staff
serving the zone (and the program office) manage it; the respondent's pages are reached by
anyone holding the token, with or without an account.
"""

from clusterhub.surveys.models import SurveyStatus
from tests.matrix_support import DENIED, LOGIN, OK, PROGRAM_STAFF, everyone
from tests.surveys import factories as sf

# Staff serving the survey's zone, and the program office.
SURVEY_MANAGERS = {**everyone(DENIED), "public": LOGIN, "program_office": OK, "regional_staff": OK}


def _draft(w):
    """A draft zone survey of the world's zone, with a question, asking the mini cluster's
    members (the world's company, where one person works)."""
    survey = sf.SurveyFactory(zone=w.zone)
    sf.QuestionFactory(survey=survey)
    sf.affiliated_person(w.organization, email="member@example.invalid")
    return survey


def _open(w):
    survey = sf.SurveyFactory(zone=w.zone, status=SurveyStatus.OPEN)
    sf.QuestionFactory(survey=survey)
    return survey


def _question(w):
    return sf.QuestionFactory(survey=sf.SurveyFactory(zone=w.zone))


def _question_kwargs(w):
    question = _question(w)
    return {"pk": question.survey_id, "question_id": question.pk}


def _invitation(w, *, responded=False):
    survey = _open(w)
    invitation = sf.InvitationFactory(survey=survey)
    if responded:
        sf.answered(survey, {survey.questions.get(): 4}, invitation=invitation)
    return invitation


NEW_QUESTION = {
    "new-text_ko": "만족하십니까?",
    "new-text_en": "Are you satisfied?",
    "new-kind": "likert5",
    "new-required": "on",
    "new-counts_toward_satisfaction": "on",
}

ROWS = {
    "surveys:survey_list": ("get", lambda w: {}, None, PROGRAM_STAFF),
    "surveys:survey_create": ("get", lambda w: {}, None, PROGRAM_STAFF),
    "surveys:survey_detail": ("get", lambda w: {"pk": _draft(w).pk}, None, SURVEY_MANAGERS),
    "surveys:survey_edit": ("get", lambda w: {"pk": _draft(w).pk}, None, SURVEY_MANAGERS),
    "surveys:question_add": (
        "post",
        lambda w: {"pk": _draft(w).pk},
        NEW_QUESTION,
        SURVEY_MANAGERS,
    ),
    "surveys:question_edit": ("get", _question_kwargs, None, SURVEY_MANAGERS),
    "surveys:question_remove": ("post", _question_kwargs, {}, SURVEY_MANAGERS),
    "surveys:question_move": ("post", _question_kwargs, {"direction": "up"}, SURVEY_MANAGERS),
    "surveys:survey_open": ("post", lambda w: {"pk": _draft(w).pk}, {}, SURVEY_MANAGERS),
    "surveys:survey_close": ("post", lambda w: {"pk": _open(w).pk}, {}, SURVEY_MANAGERS),
    "surveys:survey_results": ("get", lambda w: {"pk": _open(w).pk}, None, SURVEY_MANAGERS),
    "surveys:respond": (
        "get",
        lambda w: {"token": _invitation(w).token},
        None,
        everyone(OK),
    ),
    "surveys:respond_thanks": (
        "get",
        lambda w: {"token": _invitation(w, responded=True).token},
        None,
        everyone(OK),
    ),
}
