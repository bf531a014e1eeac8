"""The only write path for surveys, their questions, invitations and responses.

Staff's services ask `clusterhub.surveys.policies`, write in one transaction and leave a
django-simple-history row with the actor and the reason. A survey and its questions change
only while it is a draft (`builder`); opening it sends the invitations (`opening`); a
respondent's token is their only credential (`responses.response_submit` takes no actor).
Callers import from `clusterhub.surveys.services`.
"""

from clusterhub.surveys.services.builder import (
    QUESTION_FIELDS,
    SURVEY_FIELDS,
    question_add,
    question_move,
    question_remove,
    question_update,
    survey_create,
    survey_update,
)
from clusterhub.surveys.services.opening import (
    INVITATION_EVENT,
    SurveyOpened,
    respond_link,
    survey_close,
    survey_open,
    survey_open_problems,
)
from clusterhub.surveys.services.responses import (
    question_field_name,
    response_refusal,
    response_submit,
)

__all__ = [
    "INVITATION_EVENT",
    "QUESTION_FIELDS",
    "SURVEY_FIELDS",
    "SurveyOpened",
    "question_add",
    "question_field_name",
    "question_move",
    "question_remove",
    "question_update",
    "respond_link",
    "response_refusal",
    "response_submit",
    "survey_close",
    "survey_create",
    "survey_open",
    "survey_open_problems",
    "survey_update",
]
