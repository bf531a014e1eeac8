"""Permission-matrix rows for every URL of the evaluation app (see tests/test_permission_matrix.py).

The evaluation section belongs to the program's staff, the committee and coordinators; an
entity's scorecard, history and records to those who may see that entity (here the world's
mini cluster: not the staff of the other zone). The program office manages; the annual
reports are for the program office and the committee; the goal table is public.
"""

from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from clusterhub.evaluation.models import (
    Level,
    RecomputationRun,
    ReportFile,
    RunStatus,
    Scorecard,
    SystemStatus,
)
from tests.evaluation.factories import IndexSystemFactory, IndicatorFactory, QualitativeFactory
from tests.matrix_support import DENIED, LOGIN, OK, everyone

EVALUATION_VIEWERS = {
    **everyone(DENIED),
    "public": LOGIN,
    "program_office": OK,
    "regional_staff": OK,
    "regional_staff_other_zone": OK,
    "coordinator": OK,
    "committee_member": OK,
}
# Those who may see the world's mini cluster's evaluation.
MINI_CLUSTER_VIEWERS = {**EVALUATION_VIEWERS, "regional_staff_other_zone": DENIED}
# Qualitative scores of the world's mini cluster: staff serving it and the committee.
MINI_CLUSTER_EVALUATORS = {**MINI_CLUSTER_VIEWERS, "coordinator": DENIED}
EVALUATION_MANAGERS = {**everyone(DENIED), "public": LOGIN, "program_office": OK}
REPORT_READERS = {**EVALUATION_MANAGERS, "committee_member": OK}


def _draft(w):
    system = IndexSystemFactory(level=Level.ZONE, status=SystemStatus.DRAFT)
    IndicatorFactory(system=system, weight=Decimal("100"))
    return system


def _mini_cluster_system():
    return IndexSystemFactory(level=Level.MINI_CLUSTER)


def _scorecard(w):
    return Scorecard.objects.create(
        system=_mini_cluster_system(),
        entity_id=w.mini_cluster.pk,
        total=Decimal("70"),
        rank=1,
        complete=True,
        computed_at=timezone.now(),
    )


def _qualitative(w):
    return QualitativeFactory(system=_mini_cluster_system(), weight=Decimal("100"))


def _report(w):
    # The matrix test gives every row its own temporary MEDIA_ROOT.
    name = default_storage.save("reports/report.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return ReportFile.objects.create(
        year=2030,
        level=Level.ZONE,
        language="ko",
        format="pdf",
        status=RunStatus.DONE,
        file=name,
        size_bytes=15,
        duration_ms=12,
    )


ROWS = {
    "evaluation:home": ("get", lambda w: {}, None, EVALUATION_VIEWERS),
    "evaluation:system_list": ("get", lambda w: {}, None, EVALUATION_VIEWERS),
    "evaluation:system_detail": (
        "get",
        lambda w: {"pk": IndexSystemFactory().pk},
        None,
        EVALUATION_VIEWERS,
    ),
    "evaluation:system_draft": (
        "post",
        lambda w: {"pk": IndexSystemFactory().pk},
        {"year": "2099"},
        EVALUATION_MANAGERS,
    ),
    "evaluation:system_publish": (
        "post",
        lambda w: {"pk": _draft(w).pk},
        {},
        EVALUATION_MANAGERS,
    ),
    "evaluation:indicator_create": (
        "get",
        lambda w: {"pk": _draft(w).pk},
        None,
        EVALUATION_MANAGERS,
    ),
    "evaluation:indicator_edit": (
        "get",
        lambda w: {"pk": _draft(w).indicators.get().pk},
        None,
        EVALUATION_MANAGERS,
    ),
    "evaluation:indicator_delete": (
        "post",
        lambda w: {"pk": _draft(w).indicators.get().pk},
        {},
        EVALUATION_MANAGERS,
    ),
    "evaluation:evaluator_input": (
        "get",
        lambda w: {"pk": _qualitative(w).pk, "entity_id": w.mini_cluster.pk},
        None,
        MINI_CLUSTER_EVALUATORS,
    ),
    "evaluation:scorecard_list": ("get", lambda w: {}, None, EVALUATION_VIEWERS),
    "evaluation:scorecard_detail": (
        "get",
        lambda w: {"pk": _scorecard(w).pk},
        None,
        MINI_CLUSTER_VIEWERS,
    ),
    "evaluation:entity_history": (
        "get",
        lambda w: {"level": Level.MINI_CLUSTER, "entity_id": _scorecard(w).entity_id},
        None,
        MINI_CLUSTER_VIEWERS,
    ),
    "evaluation:metric_records": (
        "get",
        lambda w: {
            "code": "activities_held",
            "level": Level.MINI_CLUSTER,
            "entity_id": w.mini_cluster.pk,
            "year": w.activity.held_on.year,
        },
        None,
        MINI_CLUSTER_VIEWERS,
    ),
    "evaluation:goal_list": ("get", lambda w: {}, None, everyone(OK)),
    "evaluation:goal_create": ("get", lambda w: {}, None, EVALUATION_MANAGERS),
    "evaluation:run_start": ("post", lambda w: {}, {"year": "2099"}, EVALUATION_MANAGERS),
    "evaluation:run_detail": (
        "get",
        lambda w: {"pk": RecomputationRun.objects.create(year=2099).pk},
        None,
        EVALUATION_VIEWERS,
    ),
    "evaluation:run_resume": (
        "post",
        lambda w: {"pk": RecomputationRun.objects.create(year=2099, status=RunStatus.FAILED).pk},
        {},
        EVALUATION_MANAGERS,
    ),
    "evaluation:report_list": ("get", lambda w: {}, None, REPORT_READERS),
    "evaluation:report_request": (
        "post",
        lambda w: {},
        {"year": "2099", "level": "zone", "language": "ko", "formats": ["pdf"]},
        EVALUATION_MANAGERS,
    ),
    "evaluation:report_download": (
        "get",
        lambda w: {"pk": _report(w).pk},
        None,
        REPORT_READERS,
    ),
}
