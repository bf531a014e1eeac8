"""The demo population of `make run`, generated once for the module: everything marked as
demo data and generated only once; every mini cluster active; the pipeline in every state;
the demo accounts' roles; the satisfaction surveys answered through the services; the
evaluation that reads it all; and the same seed giving the same population again."""

import pytest
from django.core.management import call_command
from django.db import connection

from clusterhub.accounts.actors import actor_for
from clusterhub.accounts.models import User
from clusterhub.demo.population import DEMO_ACCOUNTS, DEMO_SEED, demo_population_generate
from clusterhub.demo.scale import DEMO_DOCUMENT, GeneratedDataset, demo_dataset
from clusterhub.demo.survey_population import surveys_populate
from clusterhub.directory.models import Organization, Person
from clusterhub.evaluation.entities import entity_names
from clusterhub.evaluation.models import Scorecard
from clusterhub.networks.models import MiniCluster, NetworkingActivity
from clusterhub.pipeline.models import Application, Difficulty
from clusterhub.statistics.models import SourceDocument
from clusterhub.surveys import selectors
from clusterhub.surveys.models import (
    Answer,
    Invitation,
    Response,
    Survey,
    SurveyLevel,
    SurveyStatus,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(module_transaction):
    """The whole demo population, generated once for the module (`module_transaction` rolls
    it back afterwards, so no later test finds its data)."""
    call_command("load_sources", verbosity=0)
    return demo_population_generate()


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


def _fingerprint():
    return (
        list(Organization.objects.order_by("slug").values_list("slug", "name_ko", "employees")),
        list(Person.objects.order_by("email").values_list("email", "name_ko")),
        list(
            NetworkingActivity.objects.order_by(
                "mini_cluster__slug", "held_on", "title_ko"
            ).values_list("mini_cluster__slug", "held_on", "other_participants")
        ),
        sorted(Answer.objects.filter(likert__isnull=False).values_list("likert", flat=True)),
        _scorecards(),
    )


def _scorecards():
    """Scorecards by entity name: ids differ when earlier tests used up the sequences."""
    rows = list(
        Scorecard.objects.values_list("system__year", "system__level", "entity_id", "total", "rank")
    )
    names = {
        level: entity_names(level, [row[2] for row in rows if row[1] == level])
        for level in {row[1] for row in rows}
    }
    return sorted(
        (year, level, names[level][entity_id]["en"], str(total), rank)
        for year, level, entity_id, total, rank in rows
    )


def test_the_same_seed_gives_the_same_population_evaluation_included(demo):
    # given the module's population, generated from the demo seed
    first = _fingerprint()
    assert first[0]
    assert first[-1]
    # when the database is emptied and the same seed generates again (PostgreSQL truncates
    # only once the foreign keys deferred in this transaction have been checked)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    assert not Organization.objects.exists()
    call_command("load_sources", verbosity=0)
    demo_population_generate(seed=DEMO_SEED)
    # then everything is the same
    assert _fingerprint() == first
