"""Who manages satisfaction surveys and sees their results, and how respondents get in.

- The program office manages every survey, including whole-program ones.
- Regional staff manage the surveys whose target lies in what they serve: a zone they serve
  (its zone survey, its complexes' and mini clusters' surveys), or, for staff of a single
  hub complex, that complex's survey and its mini clusters' surveys.
- Results are seen by those who manage the survey.
- Respondents need no account: the token of their invitation is their credential. An
  unknown token is not found; nobody else opens a respondent's page.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from clusterhub.accounts.actors import Actor
from clusterhub.accounts.can import template_question
from clusterhub.geography.models import Complex, Zone
from clusterhub.networks.models import MiniCluster
from clusterhub.surveys.models import Invitation, Question, Survey, SurveyLevel

SURVEY_RELATED = ("mini_cluster__hub__zone", "complex__zone", "zone")


def target_can_manage(
    actor: Actor,
    *,
    level: str,
    mini_cluster: MiniCluster | None = None,
    complex: Complex | None = None,
    zone: Zone | None = None,
) -> bool:
    """May the actor run a survey about this target?"""
    if actor.is_program_office:
        return True
    if level == SurveyLevel.ZONE:
        return zone is not None and actor.serves_zone(zone.pk)
    if level == SurveyLevel.COMPLEX:
        return complex is not None and actor.serves_complex(complex.pk, complex.zone_id)
    if level == SurveyLevel.MINI_CLUSTER:
        return mini_cluster is not None and actor.serves_complex(
            mini_cluster.hub_id, mini_cluster.hub.zone_id
        )
    return False  # the whole program: the program office only


def survey_can_manage(actor: Actor, survey: Survey) -> bool:
    return target_can_manage(
        actor,
        level=survey.level,
        mini_cluster=survey.mini_cluster,
        complex=survey.complex,
        zone=survey.zone,
    )


def survey_results_can_view(actor: Actor, survey: Survey) -> bool:
    return survey_can_manage(actor, survey)


@template_question
def survey_list_can_view(actor: Actor) -> bool:
    """Program staff see the survey list, filtered by `survey_scope`."""
    return actor.is_staff_of_program


def survey_can_create(actor: Actor) -> bool:
    return actor.is_staff_of_program


def survey_scope(actor: Actor) -> Q:
    """A filter on `Survey`: the surveys this actor manages."""
    if actor.is_program_office:
        return Q()
    zones = set(actor.zone_ids)
    complexes = set(actor.complex_ids)
    return (
        Q(zone_id__in=zones)
        | Q(complex__zone_id__in=zones)
        | Q(complex_id__in=complexes)
        | Q(mini_cluster__hub__zone_id__in=zones)
        | Q(mini_cluster__hub_id__in=complexes)
    )


def target_choices_scope(actor: Actor) -> dict[str, Q]:
    """Filters on zones, complexes and mini clusters the actor may survey."""
    if actor.is_program_office:
        return {"zone": Q(), "complex": Q(), "mini_cluster": Q()}
    zones, complexes = set(actor.zone_ids), set(actor.complex_ids)
    return {
        "zone": Q(pk__in=zones),
        "complex": Q(zone_id__in=zones) | Q(pk__in=complexes),
        "mini_cluster": Q(hub__zone_id__in=zones) | Q(hub_id__in=complexes),
    }


def access_survey_for_manage(actor: Actor, pk: int) -> Survey:
    try:
        survey = Survey.objects.select_related(*SURVEY_RELATED, "created_by").get(pk=pk)
    except Survey.DoesNotExist as exc:
        raise Http404 from exc
    if not survey_can_manage(actor, survey):
        raise PermissionDenied
    return survey


def access_question_for_manage(
    actor: Actor, pk: int, question_id: int, *, for_write: bool = False
) -> Question:
    """A question of a survey the actor manages (403 otherwise, 404 if either is unknown).
    With `for_write`, the question's row is locked until the caller's transaction ends."""
    survey = access_survey_for_manage(actor, pk)
    questions = Question.objects.filter(survey=survey)
    if for_write:
        questions = questions.select_for_update()
    try:
        question = questions.get(pk=question_id)
    except Question.DoesNotExist as exc:
        raise Http404 from exc
    question.survey = survey
    return question


def access_invitation(token: str) -> Invitation:
    """The invitation a respondent's link carries; an unknown token is not found."""
    try:
        return Invitation.objects.select_related("survey", "person").get(token=token)
    except Invitation.DoesNotExist as exc:
        raise Http404 from exc
