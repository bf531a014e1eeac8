"""Permission-matrix rows for every URL of the outcomes app (see tests/test_permission_matrix.py).

Each kwargs function builds a completed project of the world's company in the world's mini
cluster (zone), with what the URL needs: a record, an evidence file, a story.
"""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from tests import factories as f
from tests.matrix_support import (
    DENIED,
    LOGIN,
    OK,
    ORGANIZATION_EDITORS,
    PROGRAM_STAFF,
    everyone,
)
from tests.outcomes import factories as of

# The project's team: staff serving its mini cluster, its coordinator, the applicant company.
PROJECT_TEAM = {
    **everyone(DENIED),
    "public": LOGIN,
    "program_office": OK,
    "regional_staff": OK,
    "coordinator": OK,
    "company_member": OK,
}
# Staff serving the project's mini cluster (and the program office).
PROJECT_STAFF = {**everyone(DENIED), "public": LOGIN, "program_office": OK, "regional_staff": OK}
# Staff, and the applicant company, record values; the coordinator only reads them.
RECORD_EDITORS = {**PROJECT_STAFF, "company_member": OK}
# Only the applicant company consents to its story.
APPLICANT_ONLY = {**everyone(DENIED), "public": LOGIN, "company_member": OK}
FOLLOW_UP_TRACKERS = {**PROGRAM_STAFF, "coordinator": OK}


def _project(w, **kwargs):
    return of.completed_application(
        mini_cluster=w.mini_cluster,
        organization=w.organization,
        on=datetime.date(2024, 1, 10),
        **kwargs,
    )


def _record(w, **kwargs):
    return of.OutcomeRecordFactory(application=_project(w), value=Decimal("100"), **kwargs)


def _record_with_evidence(w):
    # The matrix test gives every row its own temporary MEDIA_ROOT.
    name = default_storage.save("evidence/evidence.pdf", ContentFile(of.PDF_BYTES))
    return _record(w, evidence=name)


def _story(w, *, consent=False, verified=False, publish=False):
    project = _project(w)
    if verified:
        of.OutcomeRecordFactory(
            application=project, verified_at=timezone.now(), verified_by=f.ProgramOfficeFactory()
        )
    story = of.SuccessStoryFactory(application=project)
    if publish:
        of.published(story)
    elif consent:
        of.consented(story)
    return story


ROWS = {
    "outcomes:ledger": ("get", lambda w: {"pk": _project(w).pk}, None, PROJECT_TEAM),
    "outcomes:record_edit": ("get", lambda w: {"pk": _record(w).pk}, None, RECORD_EDITORS),
    "outcomes:record_verify": ("post", lambda w: {"pk": _record(w).pk}, {}, PROJECT_STAFF),
    "outcomes:record_evidence": (
        "get",
        lambda w: {"pk": _record_with_evidence(w).pk},
        None,
        PROJECT_TEAM,
    ),
    "outcomes:company_ledger": (
        "get",
        lambda w: {"slug": _project(w).organization.slug},
        None,
        ORGANIZATION_EDITORS,
    ),
    "outcomes:followups_due": ("get", lambda w: {}, None, FOLLOW_UP_TRACKERS),
    "outcomes:story_edit": ("get", lambda w: {"pk": _project(w).pk}, None, PROJECT_TEAM),
    "outcomes:story_consent": (
        "post",
        lambda w: {"pk": _story(w).application_id},
        {},
        APPLICANT_ONLY,
    ),
    "outcomes:story_withdraw_consent": (
        "post",
        lambda w: {"pk": _story(w, consent=True).application_id},
        {},
        APPLICANT_ONLY,
    ),
    "outcomes:story_publish": (
        "post",
        lambda w: {"pk": _story(w, consent=True, verified=True).application_id},
        {},
        PROJECT_STAFF,
    ),
    "outcomes:story_unpublish": (
        "post",
        lambda w: {"pk": _story(w, publish=True).application_id},
        {},
        PROJECT_STAFF,
    ),
    "outcomes:story_list": ("get", lambda w: {}, None, everyone(OK)),
    "outcomes:story_detail": (
        "get",
        lambda w: {"pk": _story(w, publish=True).pk},
        None,
        everyone(OK),
    ),
}
