"""Who may see and do what in program evaluation, and the one way to fetch what they touch.

- The program office runs evaluation: it edits index systems, enters goals, starts and
  resumes recomputations, produces reports, and sees every scorecard.
- Regional staff see the scorecards of their zone and of the complexes and mini clusters in
  it, and enter the qualitative scores of their mini clusters (the source: "MC evaluation
  … in each pan regional headquarters").
- Committee members (the Central Evaluation Committee) see every scorecard and enter
  qualitative scores at any level.
- A mini-cluster coordinator sees the scorecards of the mini clusters they coordinate.
- Everyone may see the goal table computed from the source documents.

Views fetch the objects they show or change through the `access_*` functions at the end:
each fetches and refuses in one step (404 when absent, 403 when refused). An actor without
the evaluation section is refused before anything is looked up, so nobody outside it learns
which ids exist. `for_write=True` locks the row (`select_for_update`) and must be called
inside the caller's transaction, so that what was checked is still true when it is written.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from clusterhub.accounts.actors import Actor
from clusterhub.accounts.can import template_question
from clusterhub.evaluation.entities import Entity, entity_or_none
from clusterhub.evaluation.models import (
    IndexSystem,
    Indicator,
    Level,
    Nature,
    RecomputationRun,
    ReportFile,
    RunStatus,
    Scorecard,
)
from clusterhub.geography.models import Complex
from clusterhub.networks.models import MiniCluster


@template_question
def evaluation_can_view(actor: Actor) -> bool:
    """Who has the evaluation section at all."""
    return (
        actor.is_staff_of_program
        or actor.is_committee_member
        or bool(actor.coordinated_mini_cluster_ids)
    )


def evaluation_can_manage(actor: Actor) -> bool:
    """Who edits index systems and goals, runs recomputations and produces reports."""
    return actor.is_program_office


@template_question
def reports_can_view(actor: Actor) -> bool:
    """The annual reports: the program office, which produces them, and the committee."""
    return actor.is_program_office or actor.is_committee_member


def _places(places: dict | None) -> tuple[int | None, int | None]:
    """(zone id, complex id) of an entity from `entities.entity_names`, or (None, None)."""
    if not places:
        return None, None
    return places.get("zone_id"), places.get("complex_id")


def entity_can_view(actor: Actor, level: str, entity_id: int, places: dict | None) -> bool:
    """`places` is the entity's {"zone_id", "complex_id"} from `entities.entity_names`."""
    if actor.is_program_office or actor.is_committee_member:
        return True
    zone_id, complex_id = _places(places)
    if level == Level.MINI_CLUSTER:
        if entity_id in actor.coordinated_mini_cluster_ids:
            return True
        return actor.serves_complex(complex_id, zone_id)
    if level == Level.COMPLEX:
        return actor.serves_complex(complex_id, zone_id)
    if level == Level.ZONE:
        return actor.serves_zone(zone_id)
    return False  # the whole program: the program office and the committee


def evaluator_can_enter(actor: Actor, indicator: Indicator, entity_id: int, places) -> bool:
    """Qualitative scores: the committee and the program office anywhere; regional staff for
    mini clusters they serve."""
    if actor.is_program_office or actor.is_committee_member:
        return True
    if indicator.system.level != Level.MINI_CLUSTER:
        return False
    zone_id, complex_id = _places(places)
    return actor.serves_complex(complex_id, zone_id)


def scorecard_visibility(actor: Actor) -> Q | None:
    """A filter on Scorecard for what the actor may see (None: everything)."""
    if actor.is_program_office or actor.is_committee_member:
        return None
    mc_filter = Q(pk__in=actor.coordinated_mini_cluster_ids)
    if actor.zone_ids or actor.complex_ids:
        mc_filter |= Q(hub__zone_id__in=actor.zone_ids) | Q(hub_id__in=actor.complex_ids)
    mini_clusters = MiniCluster.objects.filter(mc_filter).values("id")
    complexes = Complex.objects.filter(
        Q(zone_id__in=actor.zone_ids) | Q(pk__in=actor.complex_ids)
    ).values("id")
    return (
        Q(system__level=Level.MINI_CLUSTER, entity_id__in=mini_clusters)
        | Q(system__level=Level.COMPLEX, entity_id__in=complexes)
        | Q(system__level=Level.ZONE, entity_id__in=list(actor.zone_ids))
    )


def visible_scorecards(actor: Actor, queryset):
    """The scorecards of `queryset` the actor may see."""
    rule = scorecard_visibility(actor)
    return queryset if rule is None else queryset.filter(rule)


def run_error_can_view(actor: Actor) -> bool:
    """A failed run's traceback names code and data; the program office reads it."""
    return actor.is_program_office


# ------------------------------------------------------------------ fetch and refuse


def access_index_system(actor: Actor, pk: int, *, for_write: bool = False) -> IndexSystem:
    """An index system to read (the evaluation section) or to change (the program office)."""
    if for_write:
        if not evaluation_can_manage(actor):
            raise PermissionDenied
        systems = IndexSystem.objects.select_for_update()
    else:
        if not evaluation_can_view(actor):
            raise PermissionDenied
        systems = IndexSystem.objects.select_related("based_on")
    try:
        return systems.get(pk=pk)
    except IndexSystem.DoesNotExist as exc:
        raise Http404 from exc


def access_indicator(actor: Actor, pk: int, *, for_write: bool = False) -> Indicator:
    """A node of an index system, with its system; `for_write` locks both, since whether the
    node may change depends on the system still being a draft."""
    if for_write:
        if not evaluation_can_manage(actor):
            raise PermissionDenied
        indicators = Indicator.objects.select_related("system").select_for_update(
            of=("self", "system")
        )
    else:
        if not evaluation_can_view(actor):
            raise PermissionDenied
        indicators = Indicator.objects.select_related("system")
    try:
        return indicators.get(pk=pk)
    except Indicator.DoesNotExist as exc:
        raise Http404 from exc


def access_entity(actor: Actor, level: str, entity_id: int) -> Entity:
    """An evaluated entity whose evaluation the actor may see."""
    if not evaluation_can_view(actor):
        raise PermissionDenied
    return _visible_entity(actor, level, entity_id)


def _visible_entity(actor: Actor, level: str, entity_id: int) -> Entity:
    entity = entity_or_none(level, entity_id)
    if entity is None:
        raise Http404
    if not entity_can_view(actor, level, entity_id, entity.places):
        raise PermissionDenied
    return entity


def access_scorecard(actor: Actor, pk: int) -> tuple[Scorecard, Entity]:
    """A scorecard, with its system and run, and the entity it scores."""
    if not evaluation_can_view(actor):
        raise PermissionDenied
    try:
        scorecard = Scorecard.objects.select_related("system", "run").get(pk=pk)
    except Scorecard.DoesNotExist as exc:
        raise Http404 from exc
    return scorecard, _visible_entity(actor, scorecard.system.level, scorecard.entity_id)


def access_indicator_for_input(actor: Actor, pk: int, entity_id: int) -> tuple[Indicator, Entity]:
    """A qualitative indicator and the entity the actor would score on it."""
    try:
        indicator = Indicator.objects.select_related("system").get(pk=pk)
    except Indicator.DoesNotExist as exc:
        raise Http404 from exc
    entity = entity_or_none(indicator.system.level, entity_id)
    if entity is None or indicator.nature != Nature.QUALITATIVE:
        raise Http404
    if not evaluator_can_enter(actor, indicator, entity_id, entity.places):
        raise PermissionDenied
    return indicator, entity


def access_run(actor: Actor, pk: int, *, for_write: bool = False) -> RecomputationRun:
    """A recomputation run to follow (the evaluation section) or to resume (the program
    office)."""
    if for_write:
        if not evaluation_can_manage(actor):
            raise PermissionDenied
        runs = RecomputationRun.objects.select_for_update()
    else:
        if not evaluation_can_view(actor):
            raise PermissionDenied
        runs = RecomputationRun.objects.select_related("requested_by")
    try:
        return runs.get(pk=pk)
    except RecomputationRun.DoesNotExist as exc:
        raise Http404 from exc


def access_report_file(actor: Actor, pk: int) -> ReportFile:
    """A produced report to download; one still in production, or failed, is refused."""
    if not reports_can_view(actor):
        raise PermissionDenied
    try:
        report = ReportFile.objects.get(pk=pk)
    except ReportFile.DoesNotExist as exc:
        raise Http404 from exc
    if report.status != RunStatus.DONE:
        raise PermissionDenied
    if not report.file:
        raise PermissionDenied
    return report
