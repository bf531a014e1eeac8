"""Program evaluation end to end: the source's index systems and goals, drafting, weights,
scoring from platform data, surveys and evaluator input, and the resumable recomputation."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import translation

from clusterhub.accounts.actors import actor_for
from clusterhub.core.reference import ReferenceDataError
from clusterhub.evaluation import scoring, services
from clusterhub.evaluation.loading import index_systems_load
from clusterhub.evaluation.models import (
    ActualKind,
    Goal,
    IndexSystem,
    Indicator,
    IndicatorScore,
    Level,
    MetricValue,
    Nature,
    RecomputationRun,
    RunStatus,
    Scorecard,
    SystemStatus,
)
from clusterhub.evaluation.services import recomputation
from clusterhub.evaluation.weights import equal_shares, system_weight_problems
from tests import factories as f
from tests.evaluation.factories import GoalFactory, GroupFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    """The assertions read the English messages (the suite runs in Korean otherwise)."""
    with translation.override("en"):
        yield


REFERENCE = Path(settings.DATA_DIR) / "reference"
YEAR = 2026


def _tree(system):
    return {i.code: i for i in system.indicators.all()}


# ------------------------------------------------------------------ the source's systems


def test_the_2010_system_carries_the_printed_weights(systems_2010):
    _mc, zone = systems_2010
    tree = _tree(zone)
    top = {code: tree[code].weight for code in ("1", "2", "3")}
    assert top == {"1": Decimal("40"), "2": Decimal("50"), "3": Decimal("10")}
    under_2 = [tree[c].weight for c in ("2.1", "2.2", "2.3")]
    assert under_2 == [Decimal("10"), Decimal("20"), Decimal("20")]
    assert tree["1"].rule == "lower_level_average"
    assert tree["3"].metric == "satisfaction"
    assert zone.status == SystemStatus.PUBLISHED
    assert system_weight_problems(zone) == []


def test_every_year_2006_to_2010_is_loaded_with_weights_that_add_up():
    report = index_systems_load(REFERENCE)
    years = sorted(IndexSystem.objects.values_list("year", flat=True))
    assert years == [2006, 2007, 2008, 2009, 2010, 2010]
    for system in IndexSystem.objects.all():
        assert system_weight_problems(system) == [], system
    assert sum(report.created.values()) == 6 + 71
    # Unprinted weights are split equally and the row says so.
    planning = IndexSystem.objects.get(year=2006).indicators.get(code="1")
    assert planning.weight == Decimal("33.34")
    assert "not printed" in planning.source
    again = index_systems_load(REFERENCE)
    assert not again.changed


def test_a_bad_weight_in_the_reference_file_names_the_file_and_changes_nothing(tmp_path):
    for name in ("index_systems.csv", "indicators.csv"):
        text = (REFERENCE / name).read_text(encoding="utf-8")
        if name == "indicators.csv":
            text = text.replace("2010,zone,1,,quantitative,40,", "2010,zone,1,,quantitative,45,")
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"indicators\.csv.*add up to 105"):
        index_systems_load(tmp_path)
    assert not IndexSystem.objects.exists()


def test_the_seven_pilot_complexes_goals_are_computed_from_the_source_cells():
    call_command("load_sources", verbosity=0)
    goals = {goal.metric: goal for goal in Goal.objects.filter(subject_en="7 pilot complexes")}
    ratios = {metric: goal.achievement_ratio for metric, goal in goals.items()}
    assert ratios == {
        "production": Decimal("102.1"),
        "exports": Decimal("105.8"),
        "employment": Decimal("94.1"),
    }
    production = goals["production"]
    # The goal is the vision figure's 253, not the table's misprinted 190.4.
    assert production.goal_observation.printed == "253"
    assert production.base_observation.printed == "190.4"
    assert production.actual_observation.printed == "258.2"
    assert production.printed_ratio == Decimal("102.1")
    assert "190.4" in production.source_en
    # A ratio is never stored: change the actual and the ratio follows.
    production.actual_value = Decimal("253")
    assert production.achievement_ratio == Decimal("100.0")


def test_achievement_ratio_when_lower_is_better_and_without_values():
    goal = GoalFactory.build(
        goal_value=Decimal("80"), actual_value=Decimal("100"), direction="lower"
    )
    assert goal.achievement_ratio == Decimal("80.0")
    assert GoalFactory.build(actual_value=None).achievement_ratio is None


# ------------------------------------------------------------------ drafting and weights


def test_staff_draft_next_years_system_from_last_years(systems_2010, office):
    _mc, zone = systems_2010
    draft = services.index_system_draft_from(actor=office, source=zone, year=2011)
    assert draft.status == SystemStatus.DRAFT
    assert draft.based_on == zone
    assert "2011" in draft.name_en
    old, new = _tree(zone), _tree(draft)
    assert set(old) == set(new)
    assert new["2.2.1"].parent == new["2.2"]
    assert new["2.2.1"].lineage == old["2.2.1"].lineage
    assert system_weight_problems(draft) == []
    with pytest.raises(ValidationError, match="already an index system"):
        services.index_system_draft_from(actor=office, source=zone, year=2011)


def test_only_the_program_office_drafts(systems_2010):
    regional = actor_for(f.RegionalStaffFactory())
    with pytest.raises(PermissionDenied):
        services.index_system_draft_from(actor=regional, source=systems_2010[1], year=2011)


def test_publishing_refuses_weights_that_do_not_add_up_and_names_the_group(systems_2010, office):
    draft = services.index_system_draft_from(actor=office, source=systems_2010[1], year=2011)
    changed = draft.indicators.get(code="2.2.1")
    changed.weight = Decimal("15")
    services.indicator_save(actor=office, indicator=changed)
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        services.index_system_publish(actor=office, system=draft)
    messages = " ".join(caught.value.messages)
    assert "Common indexes" in messages
    assert "25" in messages
    draft.refresh_from_db()
    assert draft.status == SystemStatus.DRAFT


def test_a_published_system_cannot_change(systems_2010, office):
    indicator = systems_2010[1].indicators.get(code="3")
    indicator.weight = Decimal("5")
    with pytest.raises(ValidationError, match="published"):
        services.indicator_save(actor=office, indicator=indicator)


def test_indicator_fields_are_checked_by_nature_and_rule():
    quantitative = IndicatorFactory.build(metric="", rule="linear")
    with pytest.raises(ValidationError) as caught:
        quantitative.clean()
    assert set(caught.value.message_dict) == {"metric", "upper_bound"}
    group = GroupFactory.build(rule="rank")
    with pytest.raises(ValidationError) as caught:
        group.clean()
    assert "rule" in caught.value.message_dict
    thresholds = IndicatorFactory.build(rule="thresholds", thresholds=[[5, 120]])
    with pytest.raises(ValidationError) as caught:
        thresholds.clean()
    assert "thresholds" in caught.value.message_dict


def test_equal_shares_add_up_exactly():
    assert equal_shares(Decimal("100"), 3) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert sum(equal_shares(Decimal("20"), 7)) == Decimal("20")


# ------------------------------------------------------------------ scoring rules


def test_linear_threshold_and_rank_rules():
    assert scoring.linear_score(Decimal("75"), Decimal("50"), Decimal("100"), "higher") == 50
    assert scoring.linear_score(Decimal("120"), Decimal("50"), Decimal("100"), "higher") == 100
    assert scoring.linear_score(Decimal("75"), Decimal("50"), Decimal("100"), "lower") == 50
    thresholds = [[10, 100], [5, 70], [0, 40]]
    assert scoring.threshold_score(Decimal("7"), thresholds, "higher") == 70
    assert scoring.threshold_score(Decimal("12"), thresholds, "higher") == 100
    ranks = scoring.rank_scores({1: Decimal("5"), 2: Decimal("9"), 3: Decimal("5")}, "higher")
    # Equal values share the better rank: both fives are second of three.
    assert ranks == {1: (2, Decimal("50")), 2: (1, Decimal("100")), 3: (2, Decimal("50"))}
    spread = scoring.rank_scores({1: Decimal("1"), 2: Decimal("2"), 3: Decimal("3")}, "higher")
    assert spread[2] == (2, Decimal("50"))


# ------------------------------------------------------------------ end to end


def _recompute(year=YEAR):
    run = services.recomputation_plan(actor=None, year=year)
    services.recomputation_execute(run_id=run.pk)
    run.refresh_from_db()
    return run


def _lines(system, entity_id):
    card = Scorecard.objects.get(system=system, entity_id=entity_id)
    return card, {
        line.indicator.code: line
        for line in IndicatorScore.objects.filter(scorecard=card).select_related("indicator")
    }


def test_the_2010_system_scores_a_mini_cluster_and_its_headquarters_end_to_end(program):
    run = _recompute()
    assert run.status == RunStatus.DONE
    assert run.done_units == run.total_units > 0

    strong, lines = _lines(program["mc_system"], program["strong"].pk)
    # 30 × 80% + 15 + 15 + 10 + 10 + 10 (best of two on every count) + 10 × 87.5%
    assert lines["1"].contribution == Decimal("24.00")
    assert lines["2.1"].raw_value == 3  # three activities this year
    assert lines["2.2"].raw_value == 4  # four attendances
    assert lines["4.2"].raw_value == 1
    assert lines["5"].raw_value == Decimal("87.50")  # answers 5 and 4: (4.5 − 1) / 4
    assert strong.total == Decimal("92.75")
    assert strong.rank == 1
    assert strong.complete

    weak, weak_lines = _lines(program["mc_system"], program["weak"].pk)
    assert weak.total == Decimal("18.00")  # only the evaluator's 60 of 30 points
    assert not weak.complete  # no survey answered: satisfaction missing
    assert "No value" in weak_lines["5"].explanation_en

    zone, zone_lines = _lines(program["zone_system"], program["zone"].pk)
    assert zone_lines["1"].score == Decimal("55.38")  # mean of 92.75 and 18.00
    assert zone_lines["1"].contribution == Decimal("22.15")
    assert zone_lines["2.2.2"].raw_value == Decimal("50.00")  # 5 paid of 10 requested
    assert zone_lines["3"].raw_value == Decimal("87.50")  # the survey lies inside the zone
    assert zone_lines["2"].contribution == Decimal("37.00")  # 7 + 9 + 5 + 6 + 10
    assert zone.total == Decimal("67.90")
    assert "rank 1 of 2" in lines["2.1"].explanation_en
    assert "평가자 점수 80; 근거: Annual plan and site visit" in lines["1"].explanation_ko


def test_metrics_count_only_their_own_year_and_entity(program):
    _recompute()
    values = {
        (mv.metric, mv.level, mv.entity_id): mv.value
        for mv in MetricValue.objects.filter(year=YEAR)
    }
    assert values["activities_held", Level.MINI_CLUSTER, program["weak"].pk] == 1
    assert values["members", Level.MINI_CLUSTER, program["strong"].pk] == 2
    assert values["applications_selected", Level.ZONE, program["zone"].pk] == 1
    # Only what the year's indicators and goals need is computed.
    assert ("activities_held", Level.ZONE, program["zone"].pk) not in values


def test_a_recomputation_twice_gives_the_same_rows(program):
    _recompute()
    first = _snapshot()
    _recompute()
    assert _snapshot() == first
    assert MetricValue.objects.filter(year=YEAR).count() == len(first["metrics"])


def _snapshot():
    return {
        "metrics": sorted(
            MetricValue.objects.values_list("metric", "level", "entity_id", "year", "value")
        ),
        "cards": sorted(
            Scorecard.objects.values_list("system_id", "entity_id", "total", "rank", "complete")
        ),
        "lines": sorted(
            IndicatorScore.objects.values_list(
                "scorecard__system_id",
                "scorecard__entity_id",
                "indicator__code",
                "raw_value",
                "score",
                "contribution",
            )
        ),
        "goals": sorted(Goal.objects.values_list("pk", "actual_value", "actual_kind")),
    }


class KilledError(Exception):
    """What a worker dying between two units looks like to the run."""


@pytest.mark.parametrize("kill_after", [1, 4, "goals", "scores"])
def test_a_killed_recomputation_resumed_equals_an_uninterrupted_one(program, kill_after):
    GoalFactory(
        level=Level.ZONE,
        entity_id=program["zone"].pk,
        goal_year=YEAR,
        actual_value=None,
        actual_from_platform=True,
    )
    _recompute()
    uninterrupted = _snapshot()
    MetricValue.objects.all().delete()
    Scorecard.objects.all().delete()
    Goal.objects.update(actual_value=None)

    run = services.recomputation_plan(actor=None, year=YEAR)
    units = list(run.units.order_by("position"))
    if kill_after == "goals":
        stop_at = next(u.position for u in units if u.kind == "goals")
    elif kill_after == "scores":
        stop_at = next(u.position for u in units if u.kind == "scores")  # after the first level
    else:
        stop_at = kill_after

    def die(unit):
        if unit.position == stop_at:
            raise KilledError

    recomputation.unit_hook = die
    try:
        with pytest.raises(KilledError):
            services.recomputation_execute(run_id=run.pk)
    finally:
        recomputation.unit_hook = None
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    # The unit that was under way when the worker died rolled back with its writes.
    assert run.done_units == stop_at
    assert run.units.filter(done_at__isnull=False).count() == stop_at
    assert "KilledError" in run.error

    services.recomputation_resume(actor=None, run=run)
    services.recomputation_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.done_units == run.total_units
    assert run.attempts == 2
    assert _snapshot() == uninterrupted


def test_resume_refuses_a_finished_or_progressing_run(program):
    run = _recompute()
    with pytest.raises(ValidationError, match="finished"):
        services.recomputation_resume(actor=None, run=run)
    live = services.recomputation_plan(actor=None, year=YEAR - 1)
    RecomputationRun.objects.filter(pk=live.pk).update(status=RunStatus.RUNNING)
    live.refresh_from_db()
    with pytest.raises(ValidationError, match="still making progress"):
        services.recomputation_resume(actor=None, run=live)
    with pytest.raises(ValidationError, match="already under way"):
        services.recomputation_start(actor=None, year=YEAR - 1)


def test_starting_runs_the_job_after_the_commit(program, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.recomputation_start(actor=None, year=YEAR)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    from clusterhub.geography.models import Zone

    cards = Scorecard.objects.filter(system=program["zone_system"])
    assert cards.count() == Zone.objects.count()  # every zone is evaluated
    assert cards.filter(entity_id=program["zone"].pk, rank=1).exists()


def test_platform_goals_take_the_metric_and_an_unfinished_year_is_a_forecast(program):
    goal = GoalFactory(
        level=Level.ZONE, entity_id=program["zone"].pk, goal_year=YEAR, goal_value=Decimal("8"),
        actual_value=None, actual_from_platform=True,
    )  # fmt: skip
    _recompute()
    recomputation._update_platform_goals(YEAR, today=datetime.date(YEAR + 1, 1, 5))
    goal.refresh_from_db()
    assert goal.actual_value == 4
    assert goal.actual_kind == ActualKind.ACTUAL
    assert goal.achievement_ratio == Decimal("50.0")
    recomputation._update_platform_goals(YEAR, today=datetime.date(YEAR, 7, 2))  # day 183 of 365
    goal.refresh_from_db()
    assert goal.actual_kind == ActualKind.FORECAST
    assert goal.actual_value == Decimal("7.98")  # 4 × 365 / 183


def test_evaluator_input_needs_evidence_and_a_qualitative_indicator(program, office):
    indicator = program["mc_system"].indicators.get(code="1")
    with pytest.raises(ValidationError) as caught:
        services.evaluator_input_save(
            actor=office, indicator=indicator, entity_id=program["strong"].pk,
            score=Decimal("50"), evidence="  ",
        )  # fmt: skip
    assert "evidence" in caught.value.message_dict
    quantitative = program["mc_system"].indicators.get(code="2.1")
    with pytest.raises(ValidationError, match="qualitative"):
        services.evaluator_input_save(
            actor=office, indicator=quantitative, entity_id=program["strong"].pk,
            score=Decimal("50"), evidence="x",
        )  # fmt: skip


def test_regional_staff_score_their_own_mini_clusters_only(program):
    indicator = program["mc_system"].indicators.get(code="1")
    own = actor_for(f.RegionalStaffFactory(zone=program["zone"]))
    entered = services.evaluator_input_save(
        actor=own, indicator=indicator, entity_id=program["weak"].pk,
        score=Decimal("65"), evidence="Visit",
    )  # fmt: skip
    assert entered.score == Decimal("65")
    other = actor_for(f.RegionalStaffFactory(zone=f.ZoneFactory()))
    with pytest.raises(PermissionDenied):
        services.evaluator_input_save(
            actor=other, indicator=indicator, entity_id=program["weak"].pk,
            score=Decimal("65"), evidence="Visit",
        )  # fmt: skip
    zone_indicator = program["zone_system"].indicators.get(code="2.1")
    with pytest.raises(PermissionDenied):
        services.evaluator_input_save(
            actor=own, indicator=zone_indicator, entity_id=program["zone"].pk,
            score=Decimal("65"), evidence="Visit",
        )  # fmt: skip


def test_a_changed_system_still_compares_by_lineage(program, office):
    """2027's system adds an indicator and moves weights; the shared lineages line up."""
    draft = services.index_system_draft_from(actor=office, source=program["mc_system"], year=2027)
    group = draft.indicators.get(code="4")
    for code in ("4.1", "4.2"):
        changed = draft.indicators.get(code=code)
        changed.weight = Decimal("7")
        services.indicator_save(actor=office, indicator=changed)
    services.indicator_save(
        actor=office,
        indicator=Indicator(
            system=draft, parent=group, code="4.3", position=20,
            name_ko="전환", name_en="Converted",
            nature=Nature.QUANTITATIVE, weight=Decimal("6"), rule="rank",
            metric="difficulties_converted", lineage="difficulties_converted",
        ),
    )  # fmt: skip
    services.index_system_publish(actor=office, system=draft)
    old = set(program["mc_system"].indicators.values_list("lineage", flat=True))
    new = set(draft.indicators.values_list("lineage", flat=True))
    assert new - old == {"difficulties_converted"}
    assert old <= new
