"""The demo surveys (per zone and year, opened and answered through the services) and the
demo evaluation that reads them, on one generated demo population."""

import pytest
from django.core.management import call_command

from clusterhub.demo.population import demo_population_generate
from clusterhub.demo.survey_population import surveys_populate
from clusterhub.surveys import selectors
from clusterhub.surveys.models import Invitation, Response, Survey, SurveyLevel, SurveyStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo population, once for the module."""
    with django_db_blocker.unblock():
        call_command("load_sources", verbosity=0)
        made = demo_population_generate()
    yield made
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


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
