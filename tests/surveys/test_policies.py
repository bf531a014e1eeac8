"""Who manages which survey: each branch of the survey policy."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from clusterhub.accounts.actors import ANONYMOUS_ACTOR, actor_for
from clusterhub.accounts.models import Role, RoleGrant
from clusterhub.geography.models import Complex, Zone
from clusterhub.networks.models import MiniCluster
from clusterhub.surveys import policies
from clusterhub.surveys.models import Survey
from tests import factories as f
from tests.surveys import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def surveys():
    """Surveys of a mini cluster, its hub, its zone, another zone and the whole program."""
    zone = f.ZoneFactory()
    hub = f.ComplexFactory(zone=zone)
    mini_cluster = f.MiniClusterFactory(hub=hub)
    return {
        "mini_cluster": sf.survey_about(mini_cluster),
        "hub": sf.survey_about(hub),
        "zone": sf.survey_about(zone),
        "other_zone": sf.survey_about(f.ZoneFactory()),
        "program": sf.survey_about(None),
    }


def _managed(actor, surveys) -> set[str]:
    return {name for name, survey in surveys.items() if policies.survey_can_manage(actor, survey)}


def _scoped(actor, surveys) -> set[str]:
    ids = set(Survey.objects.filter(policies.survey_scope(actor)).values_list("pk", flat=True))
    return {name for name, survey in surveys.items() if survey.pk in ids}


def test_the_program_office_manages_every_survey(surveys):
    office = actor_for(f.ProgramOfficeFactory())
    assert _managed(office, surveys) == set(surveys)
    assert _scoped(office, surveys) == set(surveys)
    assert policies.survey_list_can_view(office)


def test_regional_staff_manage_the_surveys_of_their_zone_only(surveys):
    staff = actor_for(f.RegionalStaffFactory(zone=surveys["zone"].zone))
    assert _managed(staff, surveys) == {"mini_cluster", "hub", "zone"}
    assert _scoped(staff, surveys) == {"mini_cluster", "hub", "zone"}
    assert policies.survey_results_can_view(staff, surveys["zone"])
    assert not policies.survey_results_can_view(staff, surveys["other_zone"])


def test_staff_of_a_single_hub_manage_its_survey_and_its_mini_clusters(surveys):
    user = f.UserFactory()
    RoleGrant.objects.create(user=user, role=Role.REGIONAL_STAFF, complex=surveys["hub"].complex)
    staff = actor_for(user)
    assert _managed(staff, surveys) == {"mini_cluster", "hub"}
    assert _scoped(staff, surveys) == {"mini_cluster", "hub"}


@pytest.mark.parametrize(
    "make",
    [
        lambda s: f.CoordinatorFactory(mini_cluster=s["mini_cluster"].mini_cluster),
        lambda s: f.CompanyMemberFactory(),
        lambda s: f.ExpertFactory(),
        lambda s: f.CommitteeMemberFactory(),
    ],
    ids=["coordinator", "company_member", "expert", "committee_member"],
)
def test_coordinators_companies_and_experts_manage_no_survey(surveys, make):
    actor = actor_for(make(surveys))
    assert _managed(actor, surveys) == set()
    assert not policies.survey_list_can_view(actor)
    assert not policies.survey_can_create(actor)


def test_the_public_manages_nothing(surveys):
    assert _managed(ANONYMOUS_ACTOR, surveys) == set()
    with pytest.raises(PermissionDenied):
        policies.access_survey_for_manage(ANONYMOUS_ACTOR, surveys["zone"].pk)


def test_access_refuses_or_does_not_find(surveys):
    staff = actor_for(f.RegionalStaffFactory(zone=surveys["zone"].zone))
    assert policies.access_survey_for_manage(staff, surveys["hub"].pk) == surveys["hub"]
    with pytest.raises(PermissionDenied):
        policies.access_survey_for_manage(staff, surveys["other_zone"].pk)
    with pytest.raises(Http404):
        policies.access_survey_for_manage(staff, 987654)


def test_a_respondent_is_found_by_the_token_alone():
    invitation = sf.InvitationFactory()
    assert policies.access_invitation(invitation.token) == invitation
    with pytest.raises(Http404):
        policies.access_invitation("unknown-token")


def test_the_targets_offered_are_those_the_actor_serves(surveys):
    staff = actor_for(f.RegionalStaffFactory(zone=surveys["zone"].zone))
    scope = policies.target_choices_scope(staff)
    assert list(Zone.objects.filter(scope["zone"])) == [surveys["zone"].zone]
    assert list(Complex.objects.filter(scope["complex"])) == [surveys["hub"].complex]
    assert list(MiniCluster.objects.filter(scope["mini_cluster"])) == [
        surveys["mini_cluster"].mini_cluster
    ]


def test_a_question_is_fetched_only_through_its_own_survey(surveys):
    # given a question of the mini cluster's survey and one of another zone's survey
    survey = surveys["mini_cluster"]
    question = sf.QuestionFactory(survey=survey)
    elsewhere = sf.QuestionFactory(survey=surveys["other_zone"])
    office = actor_for(f.ProgramOfficeFactory())
    # when / then: through its own survey it is found, with the survey attached and locked
    with transaction.atomic():
        found = policies.access_question_for_manage(office, survey.pk, question.pk, for_write=True)
    assert (found, found.survey) == (question, survey)
    # through another survey it is not found; staff of another zone are refused
    with pytest.raises(Http404):
        policies.access_question_for_manage(office, survey.pk, elsewhere.pk)
    other_staff = actor_for(f.RegionalStaffFactory(zone=surveys["other_zone"].zone))
    with pytest.raises(PermissionDenied):
        policies.access_question_for_manage(other_staff, survey.pk, question.pk)
