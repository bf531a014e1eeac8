"""The demo population of `make run`, generated once for the module: everything marked as
demo data and generated only once; every mini cluster active; the pipeline in every state;
the demo accounts' roles; the satisfaction surveys answered through the services; and the
evaluation that reads it all. (Determinism: `tests/core/test_demo_determinism.py`.)"""

import pytest
from django.core.management import call_command

from clusterhub.accounts.actors import actor_for
from clusterhub.accounts.models import User
from clusterhub.demo.population import DEMO_ACCOUNTS, DEMO_SEED, demo_population_generate
from clusterhub.demo.scale import DEMO_DOCUMENT, GeneratedDataset, demo_dataset
from clusterhub.demo.survey_population import surveys_populate
from clusterhub.directory.models import Organization, Person
from clusterhub.networks.models import MiniCluster
from clusterhub.pipeline.models import Application, Difficulty
from clusterhub.statistics.models import SourceDocument
from clusterhub.surveys import selectors
from clusterhub.surveys.models import Invitation, Response, Survey, SurveyLevel, SurveyStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo population, once for the module; emptied afterwards even if the
    generation fails, so no later test finds its data."""
    try:
        with django_db_blocker.unblock():
            call_command("load_sources", verbosity=0)
            made = demo_population_generate()
        yield made
    finally:
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)


def test_generate_demo_without_scale_is_the_small_population(demo):
    # when the command runs again on the generated population
    call_command("generate_demo", verbosity=0)
    # then it is recorded as the small population, without a demo statistics document
    assert demo_dataset() == GeneratedDataset("small", DEMO_SEED, 0, None)
    assert not SourceDocument.objects.filter(file_name=DEMO_DOCUMENT).exists()


def test_everything_generated_is_marked_and_a_second_run_adds_nothing(demo):
    made = demo
    assert made["organizations"] > 100
    assert not Organization.objects.filter(is_demo=False).exists()
    assert not Person.objects.filter(is_demo=False).exists()
    assert demo_population_generate() == {}
    assert Organization.objects.count() == made["organizations"]


def test_every_mini_cluster_has_members_activities_and_a_coordinator(demo):
    assert not MiniCluster.objects.filter(coordinator__isnull=True).exists()
    assert not MiniCluster.objects.filter(memberships__isnull=True).exists()
    assert not MiniCluster.objects.filter(activities__isnull=True).exists()


def test_demo_accounts_hold_the_roles_they_are_listed_with(demo):
    roles = {
        a.username: actor_for(User.objects.get(username=a.username)).roles for a in DEMO_ACCOUNTS
    }
    assert [r.value for r in roles["office"]] == ["program_office"]
    assert [r.value for r in roles["honam"]] == ["regional_staff"]
    assert "coordinator" in [r.value for r in roles["coordinator"]]
    assert [r.value for r in roles["company"]] == ["company_member"]
    assert [r.value for r in roles["expert"]] == ["expert"]
    assert "committee_member" in [r.value for r in roles["committee"]]


def test_the_demo_pipeline_has_applications_in_every_state(demo):
    from clusterhub.pipeline.workflow import State

    states = set(Application.objects.values_list("state", flat=True))
    assert states == set(State.values)
    assert Difficulty.objects.filter(status="open").exists()


def test_the_demo_has_a_survey_per_zone_and_year_and_a_gwangju_mini_cluster_survey(demo):
    zones = Survey.objects.filter(level=SurveyLevel.ZONE).values("zone").distinct().count()
    assert zones >= 5
    assert demo["surveys"] == Survey.objects.count() == 3 * zones + 3
    for year in (2024, 2025, 2026):
        assert Survey.objects.filter(year=year, level=SurveyLevel.ZONE).count() == zones
        [mini] = Survey.objects.filter(year=year, level=SurveyLevel.MINI_CLUSTER)
        assert mini.mini_cluster.hub.code == "gwangju"
    assert not Survey.objects.filter(is_demo=False).exists()
    assert not Response.objects.filter(is_demo=False).exists()
    assert demo["survey invitations"] == Invitation.objects.count()
    assert demo["survey responses"] == Response.objects.count()


def test_the_demo_surveys_are_answered_by_55_to_80_percent_of_invitees(demo):
    for survey in Survey.objects.all():
        rates = selectors.response_rates(survey=survey)
        assert rates.overall.invited > 0
        assert 40 <= rates.overall.percent <= 95  # 55–80% drawn, on small numbers
        questions = list(survey.questions.all())
        assert 4 <= sum(q.counts_toward_satisfaction for q in questions) <= 6
        assert sum(q.kind == "text" for q in questions) == 1
    total = Response.objects.count() / Invitation.objects.count()
    assert 0.55 <= total <= 0.8


def test_past_surveys_are_closed_this_years_open_some_anonymous(demo):
    assert set(Survey.objects.filter(year__lt=2026).values_list("status", flat=True)) == {
        SurveyStatus.CLOSED
    }
    assert set(Survey.objects.filter(year=2026).values_list("status", flat=True)) == {
        SurveyStatus.OPEN
    }
    anonymous = Survey.objects.filter(is_anonymous=True)
    assert anonymous.exists()
    assert Survey.objects.filter(is_anonymous=False).exists()
    assert not Response.objects.filter(survey__in=anonymous, invitation__isnull=False).exists()


def test_the_zones_differ_in_satisfaction(demo):
    scores = {
        selectors.satisfaction_for(level="zone", entity_id=zone_id, year=2025).score
        for zone_id in Survey.objects.filter(level=SurveyLevel.ZONE).values_list(
            "zone_id", flat=True
        )
    }
    assert None not in scores
    assert len(scores) >= 4
    assert max(scores) - min(scores) >= 10


def test_a_second_run_adds_nothing(demo):
    assert surveys_populate() == {}


def test_the_demo_evaluation_scores_every_zone_and_mini_cluster_with_survey_satisfaction(demo):
    from clusterhub.evaluation.models import IndexSystem, RecomputationRun, RunStatus, Scorecard
    from clusterhub.networks.models import MiniCluster

    assert demo["recomputations"] == 3
    assert set(RecomputationRun.objects.values_list("status", flat=True)) == {RunStatus.DONE}
    zone_2025 = IndexSystem.objects.get(year=2025, level="zone")
    assert zone_2025.based_on.year == 2024
    cards = Scorecard.objects.filter(system=zone_2025)
    assert cards.count() == 7
    satisfaction = zone_2025.indicators.get(code="3")
    scored = cards.filter(lines__indicator=satisfaction, lines__raw_value__isnull=False)
    assert scored.count() >= 5  # every zone with a survey has its satisfaction
    mc_2026 = IndexSystem.objects.get(year=2026, level="mini_cluster")
    assert (
        Scorecard.objects.filter(system=mc_2026).count()
        == MiniCluster.objects.filter(is_active=True).count()
    )
    assert mc_2026.indicators.filter(code="4.3", lineage="difficulties_converted").exists()
