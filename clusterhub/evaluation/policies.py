"""Who may see and do what in program evaluation.

- The program office runs evaluation: it edits index systems, enters goals, starts and
  resumes recomputations, produces reports, and sees every scorecard.
- Regional staff see the scorecards of their zone and of the complexes and mini clusters in
  it, and enter the qualitative scores of their mini clusters (the source: "MC evaluation
  … in each pan regional headquarters").
- Committee members (the Central Evaluation Committee) see every scorecard and enter
  qualitative scores at any level.
- A mini-cluster coordinator sees the scorecards of the mini clusters they coordinate.
- Everyone may see the goal table computed from the source documents.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from clusterhub.accounts.actors import Actor
from clusterhub.accounts.can import template_question
from clusterhub.evaluation.models import Indicator, Level, Scorecard


@template_question
def evaluation_can_view(actor: Actor) -> bool:
    """Who has the evaluation section at all."""
    return (
        actor.is_staff_of_program
        or actor.is_committee_member
        or bool(actor.coordinated_mini_cluster_ids)
    )


def evaluation_can_manage(actor: Actor) -> bool:
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
    from clusterhub.networks.models import MiniCluster

    mc_filter = Q(pk__in=actor.coordinated_mini_cluster_ids)
    if actor.zone_ids or actor.complex_ids:
        mc_filter |= Q(hub__zone_id__in=actor.zone_ids) | Q(hub_id__in=actor.complex_ids)
    mini_clusters = MiniCluster.objects.filter(mc_filter).values("id")
    from clusterhub.geography.models import Complex

    complexes = Complex.objects.filter(
        Q(zone_id__in=actor.zone_ids) | Q(pk__in=actor.complex_ids)
    ).values("id")
    return (
        Q(system__level=Level.MINI_CLUSTER, entity_id__in=mini_clusters)
        | Q(system__level=Level.COMPLEX, entity_id__in=complexes)
        | Q(system__level=Level.ZONE, entity_id__in=list(actor.zone_ids))
    )


def visible_scorecards(actor: Actor, queryset):
    rule = scorecard_visibility(actor)
    return queryset if rule is None else queryset.filter(rule)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def scorecard_can_view(actor: Actor, scorecard: Scorecard, places: dict | None) -> bool:
    return entity_can_view(actor, scorecard.system.level, scorecard.entity_id, places)
