"""Permission-matrix rows for the pipeline pages (see tests/test_permission_matrix.py)."""

from clusterhub.pipeline.models import Milestone, Participant
from tests import factories as f
from tests.matrix_support import DENIED, LOGIN, OK, SIGNED_IN, everyone

# Those who work on the world's mini cluster: its staff, its coordinator, the member company.
PIPELINE_PARTIES = {
    **everyone(DENIED),
    "public": LOGIN,
    "program_office": OK,
    "regional_staff": OK,
    "coordinator": OK,
    "company_member": OK,
}
CONVERTERS = {**PIPELINE_PARTIES, "company_member": DENIED}
STAFF_ONLY = {**CONVERTERS, "coordinator": DENIED}
ANY_STAFF_OR_COORDINATOR = {**CONVERTERS, "regional_staff_other_zone": OK}
ANY_STAFF = {**ANY_STAFF_OR_COORDINATOR, "coordinator": DENIED}


def _difficulty(w):
    return f.DifficultyFactory(mini_cluster=w.mini_cluster, organization=w.organization)


def _application(w, **kwargs):
    return f.ApplicationFactory(mini_cluster=w.mini_cluster, organization=w.organization, **kwargs)


def _in_execution(w):
    return _application(w, state="execution")


def _milestone(w):
    return Milestone.objects.create(
        application=_in_execution(w), title="Prototype", due_on="2026-12-01"
    )


def _participant(w):
    application = _application(w)
    participant = Participant.objects.create(
        application=application, organization=w.other_organization, role="university"
    )
    return {"pk": application.pk, "participant_id": participant.pk}


ROWS = {
    "pipeline:inbox": ("get", lambda w: {}, None, ANY_STAFF_OR_COORDINATOR),
    "pipeline:difficulty_create": ("get", lambda w: {}, None, {**PIPELINE_PARTIES}),
    "pipeline:difficulty_detail": (
        "get",
        lambda w: {"pk": _difficulty(w).pk},
        None,
        PIPELINE_PARTIES,
    ),
    "pipeline:difficulty_convert": (
        "post",
        lambda w: {"pk": _difficulty(w).pk},
        {"support_type": "", "year": "2026"},
        CONVERTERS,
    ),
    "pipeline:difficulty_close": ("post", lambda w: {"pk": _difficulty(w).pk}, {}, CONVERTERS),
    "pipeline:application_list": ("get", lambda w: {}, None, SIGNED_IN),
    "pipeline:application_detail": (
        "get",
        lambda w: {"pk": _application(w).pk},
        None,
        PIPELINE_PARTIES,
    ),
    "pipeline:application_edit": (
        "get",
        lambda w: {"pk": _application(w).pk},
        None,
        PIPELINE_PARTIES,
    ),
    "pipeline:participant_add": (
        "post",
        lambda w: {"pk": _application(w).pk},
        {},
        PIPELINE_PARTIES,
    ),
    "pipeline:participant_remove": ("post", _participant, {}, PIPELINE_PARTIES),
    "pipeline:application_transition": (
        "post",
        lambda w: {"pk": _application(w).pk},
        {"action": "submit"},
        PIPELINE_PARTIES,
    ),
    "pipeline:milestone_add": (
        "post",
        lambda w: {"pk": _in_execution(w).pk},
        {"title": "Prototype", "due_on": "2026-12-01"},
        STAFF_ONLY,
    ),
    "pipeline:milestone_done": (
        "post",
        lambda w: (lambda m: {"pk": m.application_id, "milestone_id": m.pk})(_milestone(w)),
        {"done_on": "2026-11-30"},
        STAFF_ONLY,
    ),
    "pipeline:disbursement_add": (
        "post",
        lambda w: {"pk": _in_execution(w).pk},
        {"amount": "10", "paid_on": "2026-11-01"},
        STAFF_ONLY,
    ),
    "pipeline:funnel": ("get", lambda w: {}, None, ANY_STAFF),
}
