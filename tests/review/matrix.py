"""Permission-matrix rows for the committee pages (read by tests/test_permission_matrix.py).

A round holds one application of the world's mini cluster, so the world's regional staff run
it and the staff of the other zone do not. The review form belongs to a reviewer created for
the row, so every role of the matrix is refused it; the assigned reviewer's own access is
tested in `tests/review/test_views.py`.
"""

from tests.matrix_support import DENIED, LOGIN, OK, PROGRAM_STAFF, SIGNED_IN, everyone
from tests.review import factories as rf

ROUND_MANAGERS = {
    **everyone(DENIED),
    "public": LOGIN,
    "program_office": OK,
    "regional_staff": OK,
}


def _round(world):
    committee_round = rf.RoundFactory()
    rf.enter(committee_round, mini_cluster=world.mini_cluster, organization=world.organization)
    return {"pk": committee_round.pk}


def _assignment(world):
    committee_round = rf.RoundFactory()
    application = rf.enter(
        committee_round, mini_cluster=world.mini_cluster, organization=world.organization
    )
    member = rf.seat(committee_round, rf.ReviewerFactory())
    assignment = rf.AssignmentFactory(round=committee_round, application=application, member=member)
    return {"assignment_id": assignment.pk}


ROWS = {
    "review:round_list": ("get", lambda w: {}, None, PROGRAM_STAFF),
    "review:round_create": ("get", lambda w: {}, None, PROGRAM_STAFF),
    "review:round_detail": ("get", _round, None, ROUND_MANAGERS),
    "review:round_add_member": ("post", _round, {}, ROUND_MANAGERS),
    "review:round_add_applications": ("post", _round, {}, ROUND_MANAGERS),
    "review:round_detect_conflicts": ("post", _round, {}, ROUND_MANAGERS),
    "review:round_assign": ("post", _round, {}, ROUND_MANAGERS),
    "review:round_close": ("post", _round, {}, ROUND_MANAGERS),
    "review:my_reviews": ("get", lambda w: {}, None, SIGNED_IN),
    "review:review_edit": ("get", _assignment, None, {**everyone(DENIED), "public": LOGIN}),
}
