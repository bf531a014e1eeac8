"""Evaluation pages through HTTP, in Korean and English: index systems and their editing,
scorecards and the records behind each number, evaluator input, goals, runs and reports."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from clusterhub.evaluation import services
from clusterhub.evaluation.models import (
    EvaluatorInput,
    Goal,
    IndexSystem,
    Indicator,
    Level,
    RecomputationRun,
    ReportFile,
    RunStatus,
    Scorecard,
    SystemStatus,
)
from clusterhub.evaluation.services import recomputation
from tests import factories as f
from tests.evaluation.factories import (
    GoalFactory,
    GroupFactory,
    IndexSystemFactory,
    IndicatorFactory,
)
from tests.evaluation.world import YEAR

pytestmark = pytest.mark.django_db
LANGUAGES = ["ko", "en"]


def _url(name, language="ko", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def _body(response) -> str:
    return response.content.decode()


@pytest.fixture
def office_user():
    return f.ProgramOfficeFactory()


@pytest.fixture
def computed(program, django_capture_on_commit_callbacks):
    """The small program of the conftest, recomputed for its year."""
    with django_capture_on_commit_callbacks(execute=True):
        run = services.recomputation_start(actor=None, year=YEAR)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    return {**program, "run": run}


def _zone_card(computed) -> Scorecard:
    return Scorecard.objects.get(system=computed["zone_system"], entity_id=computed["zone"].pk)


def _mc_card(computed, name="strong") -> Scorecard:
    return Scorecard.objects.get(system=computed["mc_system"], entity_id=computed[name].pk)


# ------------------------------------------------------------------ the section and its link


def test_the_navigation_offers_evaluation_to_staff_only(client):
    # given
    staff = f.RegionalStaffFactory()
    member = f.CompanyMemberFactory()
    evaluation_url = _url("evaluation:home")
    # when
    client.force_login(member)
    member_page = _body(client.get(_url("portal:home")))
    client.force_login(staff)
    staff_page = _body(client.get(_url("portal:home")))
    # then
    assert evaluation_url not in member_page
    assert evaluation_url in staff_page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_overview_lists_systems_by_year_and_recent_runs(
    client, systems_2010, office_user, language
):
    # given
    run = RecomputationRun.objects.create(year=2010, status=RunStatus.DONE, total_units=4)
    client.force_login(office_user)
    # when
    response = client.get(_url("evaluation:home", language))
    body = _body(response)
    # then
    _mc, zone = systems_2010
    with translation.override(language):
        assert zone.name in body
        assert str(RunStatus.DONE.label) in body
    assert zone.get_absolute_url() in body
    assert run.get_absolute_url() in body
    assert _url("evaluation:run_start", language) in body  # the office may start one
    assert response.context["systems_by_year"][0][0] == 2010


def test_a_coordinator_sees_the_overview_without_the_start_form(client, systems_2010):
    coordinator = f.CoordinatorFactory()
    client.force_login(coordinator)
    body = _body(client.get(_url("evaluation:home")))
    assert _url("evaluation:run_start") not in body
    assert systems_2010[1].name_ko in body


def test_a_company_member_is_refused_and_a_visitor_sent_to_log_in(client):
    url = _url("evaluation:home")
    assert client.get(url).status_code == 302
    client.force_login(f.CompanyMemberFactory())
    assert client.get(url).status_code == 403


# ------------------------------------------------------------------ index systems


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_system_list_shows_every_year(client, systems_2010, office_user, language):
    client.force_login(office_user)
    body = _body(client.get(_url("evaluation:system_list", language)))
    mc, zone = systems_2010
    with translation.override(language):
        assert mc.name in body
        assert zone.name in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_2010_zone_system_shows_its_tree_weights_rules_metrics_and_lineage(
    client, systems_2010, office_user, language
):
    # given
    _mc, zone = systems_2010
    client.force_login(office_user)
    # when
    response = client.get(_url("evaluation:system_detail", language, pk=zone.pk))
    body = _body(response)
    # then the tree is in order, indented by depth, with the printed weights
    nodes = response.context["nodes"]
    assert [(n.indicator.code, n.depth) for n in nodes[:4]] == [
        ("1", 0),
        ("2", 0),
        ("2.1", 1),
        ("2.2", 1),
    ]
    weights = {n.indicator.code: n.indicator.weight for n in nodes}
    assert (weights["1"], weights["2"], weights["3"]) == (40, 50, 10)
    assert (weights["2.1"], weights["2.2"], weights["2.3"]) == (10, 20, 20)
    with translation.override(language):
        budget = nodes[[n.indicator.code for n in nodes].index("2.2.2")]
        assert budget.indicator.name in body
        assert str(budget.metric.name) in body  # the metric of the registry, with its unit
        assert str(budget.metric.unit) in body
        assert str(budget.indicator.get_rule_display()) in body
    assert "mc_evaluation" in body  # lineage
    assert "003 lines 3388-3399" in body  # source
    assert 'class="depth-2"' in body  # depth 2 indented
    # a published system offers no editing, only a draft for another year
    assert _url("evaluation:indicator_create", language, pk=zone.pk) not in body
    assert _url("evaluation:system_draft", language, pk=zone.pk) in body
    assert response.context["problems"] == []


def test_a_draft_from_the_2010_zone_system_copies_the_tree(client, systems_2010, office_user):
    # given
    _mc, zone = systems_2010
    client.force_login(office_user)
    # when
    response = client.post(_url("evaluation:system_draft", pk=zone.pk), {"year": "2011"})
    # then
    draft = IndexSystem.objects.get(year=2011, level=Level.ZONE)
    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url()
    assert draft.status == SystemStatus.DRAFT
    assert draft.based_on == zone
    assert draft.indicators.count() == zone.indicators.count()
    body = _body(client.get(draft.get_absolute_url()))
    assert _url("evaluation:indicator_create", pk=draft.pk) in body
    assert _url("evaluation:system_publish", pk=draft.pk) in body


def test_a_draft_for_a_year_that_has_one_shows_the_error_on_the_year(
    client, systems_2010, office_user
):
    _mc, zone = systems_2010
    client.force_login(office_user)
    response = client.post(_url("evaluation:system_draft", pk=zone.pk), {"year": "2010"})
    assert response.status_code == 200
    form = response.context["draft_form"]
    assert "year" in form.errors
    assert 'value="2010"' in _body(response)


def test_publishing_a_draft_with_bad_weights_lists_each_problem(client, office_user):
    # given a draft whose top level adds up to 90
    draft = IndexSystemFactory(status=SystemStatus.DRAFT, level=Level.ZONE)
    IndicatorFactory(system=draft, code="1", weight=Decimal("60"))
    IndicatorFactory(system=draft, code="2", weight=Decimal("30"))
    client.force_login(office_user)
    # when
    with translation.override("en"):
        response = client.post(_url("evaluation:system_publish", "en", pk=draft.pk))
    # then
    body = _body(response)
    assert response.status_code == 200
    assert "The top-level weights add up to 90, not 100." in body
    assert "The index system cannot be published yet:" in body
    draft.refresh_from_db()
    assert draft.status == SystemStatus.DRAFT


def test_the_draft_page_lists_the_weight_problems_and_publishing_a_good_one_works(
    client, office_user
):
    draft = IndexSystemFactory(status=SystemStatus.DRAFT, level=Level.ZONE)
    group = GroupFactory(system=draft, code="1", weight=Decimal("100"))
    IndicatorFactory(system=draft, parent=group, code="1.1", weight=Decimal("40"))
    client.force_login(office_user)
    with translation.override("en"):
        body = _body(client.get(_url("evaluation:system_detail", "en", pk=draft.pk)))
    assert "add up to 40, not the group&#x27;s 100." in body
    Indicator.objects.filter(code="1.1", system=draft).update(weight=Decimal("100"))
    response = client.post(_url("evaluation:system_publish", pk=draft.pk))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == SystemStatus.PUBLISHED


# ------------------------------------------------------------------ indicators


def _indicator_data(**changes):
    data = {
        "parent": "",
        "code": "9",
        "position": "9",
        "name_ko": "신규 지표",
        "name_en": "New indicator",
        "nature": "quantitative",
        "weight": "10",
        "unit": "",
        "direction": "higher",
        "rule": "rank",
        "metric": "members",
        "lower_bound": "",
        "upper_bound": "",
        "thresholds": "",
        "lineage": "new_indicator",
        "source": "Cluster Hub design",
    }
    data.update(changes)
    return data


@pytest.fixture
def draft():
    system = IndexSystemFactory(status=SystemStatus.DRAFT, level=Level.MINI_CLUSTER)
    group = GroupFactory(system=system, code="1", weight=Decimal("100"))
    IndicatorFactory(system=system, parent=group, code="1.1", weight=Decimal("100"))
    return system


def test_adding_an_indicator_under_a_group(client, office_user, draft):
    client.force_login(office_user)
    group = draft.indicators.get(code="1")
    response = client.post(
        _url("evaluation:indicator_create", pk=draft.pk),
        _indicator_data(parent=str(group.pk), code="1.2"),
    )
    assert response.status_code == 302
    added = draft.indicators.get(code="1.2")
    assert (added.parent, added.metric, added.lineage) == (group, "members", "new_indicator")


def test_the_indicator_form_offers_only_this_systems_groups_and_the_registry(
    client, office_user, draft
):
    other_group = GroupFactory(system=IndexSystemFactory(status=SystemStatus.DRAFT))
    client.force_login(office_user)
    response = client.get(_url("evaluation:indicator_create", pk=draft.pk))
    form = response.context["form"]
    assert list(form.fields["parent"].queryset) == [draft.indicators.get(code="1")]
    assert other_group not in form.fields["parent"].queryset
    assert "activities_held" in dict(form.fields["metric"].choices)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"metric": ""}, "metric"),  # a quantitative indicator needs its metric
        ({"rule": "linear", "lower_bound": "10", "upper_bound": "5"}, "upper_bound"),
        ({"rule": "thresholds", "thresholds": "[[10, 100], [5"}, "thresholds"),
        ({"rule": "thresholds", "thresholds": "[[10, 150]]"}, "thresholds"),
        ({"code": "1.1"}, "code"),  # taken in this system
        ({"nature": "qualitative", "rule": "rank", "metric": ""}, "rule"),
    ],
)
def test_indicator_errors_name_the_field_and_keep_the_input(
    client, office_user, draft, changes, field
):
    client.force_login(office_user)
    response = client.post(
        _url("evaluation:indicator_create", pk=draft.pk),
        _indicator_data(name_ko="입력 유지 확인", **changes),
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    body = _body(response)
    assert "입력 유지 확인" in body
    assert 'class="field field-invalid"' in body
    assert not draft.indicators.filter(name_ko="입력 유지 확인").exists()


def test_editing_and_deleting_an_indicator_of_a_draft(client, office_user, draft):
    client.force_login(office_user)
    leaf = draft.indicators.get(code="1.1")
    form_page = client.get(_url("evaluation:indicator_edit", pk=leaf.pk))
    assert form_page.context["form"].initial["code"] == "1.1"
    response = client.post(
        _url("evaluation:indicator_edit", pk=leaf.pk),
        _indicator_data(
            parent=str(leaf.parent_id),
            code="1.1",
            weight="100",
            rule="thresholds",
            thresholds="[[10, 100], [5, 70], [0, 40]]",
        ),
    )
    assert response.status_code == 302
    leaf.refresh_from_db()
    assert leaf.thresholds == [[10, 100], [5, 70], [0, 40]]
    assert "≥ 10: 100 · ≥ 5: 70 · ≥ 0: 40" in _body(client.get(draft.get_absolute_url()))
    response = client.post(_url("evaluation:indicator_delete", pk=leaf.pk))
    assert response.status_code == 302
    assert not draft.indicators.filter(code="1.1").exists()


def test_a_published_system_refuses_new_indicators(client, office_user, systems_2010):
    _mc, zone = systems_2010
    client.force_login(office_user)
    response = client.get(_url("evaluation:indicator_create", pk=zone.pk))
    assert response.status_code == 302
    leaf = zone.indicators.get(code="3")
    client.post(_url("evaluation:indicator_delete", pk=leaf.pk))
    assert zone.indicators.filter(code="3").exists()


# ------------------------------------------------------------------ scorecards


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_ranking_lists_the_scorecards_with_a_chart(client, computed, office_user, language):
    # given
    client.force_login(office_user)
    # when
    response = client.get(
        _url("evaluation:scorecard_list", language),
        {"year": YEAR, "level": Level.MINI_CLUSTER},
    )
    body = _body(response)
    # then the strong mini cluster ranks first, and the chart carries the totals
    rows = response.context["rows"]
    assert [row.entity.entity_id for row in rows] == [computed["strong"].pk, computed["weak"].pk]
    strong = _mc_card(computed)
    with translation.override(language):
        assert computed["strong"].name in body
    assert f"{strong.total:.2f}" in body
    assert strong.get_absolute_url() in body
    assert 'id="scorecard-chart-data"' in body
    chart = response.context["chart"]
    assert chart["datasets"][0]["values"][0] == float(strong.total)
    assert "bar-chart.js" in body


def test_the_ranking_defaults_to_the_latest_year_at_zone_level(client, computed, office_user):
    client.force_login(office_user)
    response = client.get(_url("evaluation:scorecard_list"))
    assert (response.context["year"], response.context["level"]) == (YEAR, Level.ZONE)
    assert computed["zone"].pk in [row.entity.entity_id for row in response.context["rows"]]


def test_staff_of_another_zone_see_no_scorecards_of_this_one(client, computed):
    client.force_login(f.RegionalStaffFactory())
    response = client.get(_url("evaluation:scorecard_list"), {"year": YEAR, "level": "zone"})
    assert response.context["rows"] == []
    assert client.get(_zone_card(computed).get_absolute_url()).status_code == 403


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_scorecard_explains_each_line_and_links_the_records(
    client, computed, office_user, language
):
    # given
    card = _mc_card(computed)
    client.force_login(office_user)
    # when
    response = client.get(_url("evaluation:scorecard_detail", language, pk=card.pk))
    body = _body(response)
    # then
    lines = {line.indicator.code: line for line in response.context["lines"]}
    activities = lines["2.1"]
    assert activities.line.raw_value == 3
    assert activities.node.depth == 1
    explanation = (
        activities.line.explanation_ko if language == "ko" else activities.line.explanation_en
    )
    assert explanation
    assert explanation in body
    records = _url(
        "evaluation:metric_records",
        language,
        code="activities_held",
        level=Level.MINI_CLUSTER,
        entity_id=computed["strong"].pk,
        year=YEAR,
    )
    assert activities.records_url == records
    assert records in body
    # the qualitative line shows the evaluator's evidence and a way to change it
    business_model = lines["1"]
    assert business_model.evaluator_input.evidence in body
    assert business_model.input_url in body
    assert (
        _url("evaluation:entity_history", language, level="mini_cluster", entity_id=card.entity_id)
        in body
    )
    assert f"{card.total:.2f}" in body


def test_a_zone_scorecard_links_the_mini_cluster_ranking_for_the_lower_level_average(
    client, computed, office_user
):
    client.force_login(office_user)
    response = client.get(_zone_card(computed).get_absolute_url())
    lines = {line.indicator.code: line for line in response.context["lines"]}
    assert lines["1"].lower_level_url.endswith(f"?year={YEAR}&level=mini_cluster")
    assert lines["3"].records_url  # satisfaction drills down to the survey responses


def test_a_coordinator_sees_their_mini_cluster_but_cannot_enter_scores(client, computed):
    coordinator = f.CoordinatorFactory(mini_cluster=computed["strong"])
    client.force_login(coordinator)
    response = client.get(_mc_card(computed).get_absolute_url())
    assert response.status_code == 200
    assert all(not line.input_url for line in response.context["lines"])
    assert client.get(_mc_card(computed, "weak").get_absolute_url()).status_code == 403


# ------------------------------------------------------------------ history across years


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_entitys_history_compares_lineages_across_changing_systems(
    client, computed, office_user, django_capture_on_commit_callbacks, language
):
    # given a 2010 recomputation under the source's system, and the 2026 one drafted from it
    with django_capture_on_commit_callbacks(execute=True):
        services.recomputation_start(actor=None, year=2010)
    strong = computed["strong"]
    client.force_login(office_user)
    # when
    response = client.get(
        _url("evaluation:entity_history", language, level="mini_cluster", entity_id=strong.pk)
    )
    body = _body(response)
    # then
    history = response.context["history"]
    assert history.years == [2010, YEAR]
    rows = {row.lineage: row for row in history.rows}
    activity = rows["mc_activity"]
    assert [cell.indicator_code for cell in activity.cells] == ["2.1", "2.1"]
    assert activity.cells[1].score == 100  # the most activities of the two in 2026
    with translation.override(language):
        for card in history.scorecards:
            assert card.system.name in body
    assert 'id="history-chart-data"' in body
    points = response.context["chart"]["datasets"][0]["points"]
    assert [point["x"] for point in points] == [2010, YEAR]


def test_history_of_an_unknown_entity_or_level_is_not_found(client, office_user):
    client.force_login(office_user)
    assert (
        client.get(_url("evaluation:entity_history", level="galaxy", entity_id=1)).status_code
        == 404
    )
    assert (
        client.get(
            _url("evaluation:entity_history", level="mini_cluster", entity_id=999999)
        ).status_code
        == 404
    )


# ------------------------------------------------------------------ the records behind a number


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_drill_down_lists_the_activities_behind_the_number(
    client, computed, office_user, language
):
    # given
    strong = computed["strong"]
    client.force_login(office_user)
    url = _url(
        "evaluation:metric_records",
        language,
        code="activities_held",
        level="mini_cluster",
        entity_id=strong.pk,
        year=YEAR,
    )
    # when
    response = client.get(url)
    body = _body(response)
    # then the stored number and each activity it counts
    assert response.context["stored"].value == 3
    assert response.context["stored"].record_count == 3
    titles = [row.label for row in response.context["rows"]]
    assert len(titles) == 3
    activity = strong.activities.filter(held_on__year=YEAR).first()
    with translation.override(language):
        assert str(response.context["metric"].name) in body
        assert (activity.title_ko if language == "ko" else activity.title_en) in body
    assert _url("networks:activity_detail", language, slug=strong.slug, pk=activity.pk) in body


def test_the_drill_down_pages_by_fifty_and_marks_demo_records(client, office_user):
    mini_cluster = f.MiniClusterFactory()
    for day in range(60):
        f.ActivityFactory(
            mini_cluster=mini_cluster,
            held_on=datetime.date(2031, 1, 1) + datetime.timedelta(days=day),
            is_demo=day == 0,
        )
    client.force_login(office_user)
    url = _url(
        "evaluation:metric_records",
        code="activities_held",
        level="mini_cluster",
        entity_id=mini_cluster.pk,
        year=2031,
    )
    first = client.get(url)
    assert len(first.context["rows"]) == 50
    assert "badge-demo" in _body(first)
    assert "?page=2" in _body(first)
    second = client.get(url, {"page": 2})
    assert len(second.context["rows"]) == 10
    assert second.context["stored"] is None  # never recomputed


def test_the_drill_down_refuses_unknown_metrics_and_other_zones(client, computed):
    strong = computed["strong"]
    client.force_login(f.ProgramOfficeFactory())
    kwargs = {"level": "mini_cluster", "entity_id": strong.pk, "year": YEAR}
    assert client.get(_url("evaluation:metric_records", code="nope", **kwargs)).status_code == 404
    client.force_login(f.RegionalStaffFactory())
    url = _url("evaluation:metric_records", code="members", **kwargs)
    assert client.get(url).status_code == 403


# ------------------------------------------------------------------ evaluator input


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_evaluator_enters_a_score_with_evidence(client, computed, language):
    # given regional staff serving the zone
    staff = f.RegionalStaffFactory(zone=computed["zone"])
    indicator = computed["mc_system"].indicators.get(code="1")
    weak = computed["weak"]
    url = _url("evaluation:evaluator_input", language, pk=indicator.pk, entity_id=weak.pk)
    client.force_login(staff)
    # when
    page = client.get(url)
    response = client.post(
        url, {"score": "75.5", "evidence": "Visited the workshop", "comment": "Good plan"}
    )
    # then
    assert page.context["form"].initial["score"] == Decimal("60")  # the earlier score
    assert response.status_code == 302
    assert response["Location"] == _mc_card(computed, "weak").get_absolute_url()
    entered = EvaluatorInput.objects.get(indicator=indicator, entity_id=weak.pk)
    assert (entered.score, entered.evidence, entered.comment) == (
        Decimal("75.5"),
        "Visited the workshop",
        "Good plan",
    )


def test_evaluator_input_without_evidence_keeps_the_score_and_names_the_field(
    client, computed, office_user
):
    indicator = computed["mc_system"].indicators.get(code="1")
    client.force_login(office_user)
    response = client.post(
        _url("evaluation:evaluator_input", pk=indicator.pk, entity_id=computed["weak"].pk),
        {"score": "77", "evidence": "   ", "comment": "메모 유지"},
    )
    assert response.status_code == 200
    assert "evidence" in response.context["form"].errors
    body = _body(response)
    assert 'value="77"' in body
    assert "메모 유지" in body


def test_a_score_above_100_is_refused_on_the_field(client, computed, office_user):
    indicator = computed["mc_system"].indicators.get(code="1")
    client.force_login(office_user)
    response = client.post(
        _url("evaluation:evaluator_input", pk=indicator.pk, entity_id=computed["weak"].pk),
        {"score": "120", "evidence": "x"},
    )
    assert "score" in response.context["form"].errors


def test_only_those_who_may_enter_open_the_evaluator_form(client, computed):
    indicator = computed["mc_system"].indicators.get(code="1")
    url = _url("evaluation:evaluator_input", pk=indicator.pk, entity_id=computed["weak"].pk)
    client.force_login(f.CoordinatorFactory(mini_cluster=computed["weak"]))
    assert client.get(url).status_code == 403
    client.force_login(f.CommitteeMemberFactory())
    assert client.get(url).status_code == 200
    quantitative = computed["mc_system"].indicators.get(code="2.1")
    url = _url("evaluation:evaluator_input", pk=quantitative.pk, entity_id=computed["weak"].pk)
    assert client.get(url).status_code == 404


# ------------------------------------------------------------------ goals


@pytest.fixture(scope="module")
def sources(module_transaction):
    call_command("load_sources", verbosity=0)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_public_goal_table_computes_the_pilot_complexes_ratios(client, sources, language):
    # when an anonymous visitor opens it
    response = client.get(_url("evaluation:goal_list", language))
    body = _body(response)
    # then the three ratios are computed, equal the printed ones, and cite their tables
    assert response.status_code == 200
    for ratio in ("102.1%", "105.8%", "94.1%"):
        assert ratio in body
    assert body.count("✓") == 3
    assert _url("statistics:table_detail", language, table_id="d003_goal_achievement") in body
    goal = Goal.objects.get(metric="production")
    with translation.override(language):
        assert goal.subject in body
        assert goal.source in body
    assert response.context["platform_goals"] is None  # not for visitors


def test_staff_see_platform_goals_marked_as_forecast(client, office_user):
    zone = f.ZoneFactory()
    GoalFactory(
        level=Level.ZONE,
        entity_id=zone.pk,
        actual_value=Decimal("15"),
        actual_kind="forecast",
        goal_value=Decimal("20"),
        is_demo=True,
    )
    client.force_login(office_user)
    with translation.override("en"):
        body = _body(client.get(_url("evaluation:goal_list", "en")))
    assert zone.name_en in body
    assert "75.0%" in body
    assert "forecast" in body
    assert "badge-demo" in body
    assert _url("evaluation:goal_create", "en") in body


def test_the_goal_list_filters_by_year(client, office_user):
    GoalFactory(goal_year=2031, metric_en="Goal of 2031", entity_id=f.ZoneFactory().pk)
    GoalFactory(goal_year=2032, metric_en="Goal of 2032", entity_id=f.ZoneFactory().pk)
    client.force_login(office_user)
    with translation.override("en"):
        body = _body(client.get(_url("evaluation:goal_list", "en"), {"year": 2031}))
    assert "Goal of 2031" in body
    assert "Goal of 2032" not in body


def test_the_program_office_sets_a_goal(client, office_user):
    zone = f.ZoneFactory()
    client.force_login(office_user)
    form_page = client.get(_url("evaluation:goal_create"))
    assert f"zone:{zone.pk}" in _body(form_page)
    response = client.post(
        _url("evaluation:goal_create"),
        {
            "entity": f"zone:{zone.pk}",
            "metric": "activities_held",
            "direction": "higher",
            "base_year": "2030",
            "base_value": "10",
            "goal_year": "2031",
            "goal_value": "25",
            "actual_value": "",
            "actual_from_platform": "on",
        },
    )
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert (goal.level, goal.entity_id, goal.goal_value) == ("zone", zone.pk, Decimal("25"))
    assert goal.actual_from_platform
    assert goal.metric_en == "Networking activities held"
    assert goal.unit_en == "activities"


def test_a_goal_without_its_value_keeps_the_input(client, office_user):
    zone = f.ZoneFactory()
    client.force_login(office_user)
    response = client.post(
        _url("evaluation:goal_create"),
        {
            "entity": f"zone:{zone.pk}",
            "metric": "members",
            "direction": "higher",
            "base_year": "2030",
            "base_value": "12",
            "goal_year": "2031",
            "goal_value": "",
        },
    )
    assert response.status_code == 200
    assert "goal_value" in response.context["form"].errors
    assert 'value="12"' in _body(response)
    assert not Goal.objects.exists()


# ------------------------------------------------------------------ runs


def test_starting_a_run_goes_to_its_page(
    client, program, office_user, django_capture_on_commit_callbacks
):
    client.force_login(office_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("evaluation:run_start"), {"year": str(YEAR)})
    run = RecomputationRun.objects.get(year=YEAR)
    assert response.status_code == 302
    assert response["Location"] == run.get_absolute_url()
    with translation.override("en"):
        page = client.get(_url("evaluation:run_detail", "en", pk=run.pk))
    body = _body(page)
    assert f'value="{run.total_units}" max="{run.total_units}"' in body
    assert "Done" in body
    assert 'hx-trigger="every 2s"' not in body  # finished: no more polling


def test_a_second_run_while_one_is_active_is_refused_with_a_message(client, office_user):
    RecomputationRun.objects.create(
        year=2031, status=RunStatus.RUNNING, heartbeat_at=timezone.now()
    )
    client.force_login(office_user)
    response = client.post(_url("evaluation:run_start"), {"year": "2031"}, follow=True)
    assert RecomputationRun.objects.filter(year=2031).count() == 1
    assert "#" in " ".join(str(m) for m in response.context["messages"])


def test_an_active_run_refreshes_its_progress_with_htmx(client, office_user):
    run = RecomputationRun.objects.create(
        year=2031,
        status=RunStatus.RUNNING,
        total_units=10,
        done_units=4,
        started_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
    client.force_login(office_user)
    url = _url("evaluation:run_detail", pk=run.pk)
    page = _body(client.get(url))
    partial = client.get(url, headers={"HX-Request": "true"})
    body = _body(partial)
    assert 'hx-trigger="every 2s"' in page
    assert f'hx-get="{url}"' in page
    assert "<html" not in body
    assert body.lstrip().startswith('<section id="run-progress"')
    assert 'value="4" max="10"' in body
    assert "40%" in body


def test_a_stalled_run_offers_a_resume_and_shows_the_error_to_the_office(client, office_user):
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    run = RecomputationRun.objects.create(
        year=2031,
        status=RunStatus.RUNNING,
        total_units=3,
        done_units=1,
        started_at=long_ago,
        heartbeat_at=long_ago,
        error="Traceback: worker killed",
    )
    client.force_login(office_user)
    body = _body(client.get(_url("evaluation:run_detail", pk=run.pk)))
    assert _url("evaluation:run_resume", pk=run.pk) in body
    assert "Traceback: worker killed" in body
    client.force_login(f.CommitteeMemberFactory())
    body = _body(client.get(_url("evaluation:run_detail", pk=run.pk)))
    assert "Traceback" not in body
    assert _url("evaluation:run_resume", pk=run.pk) not in body


def test_resuming_a_failed_run_finishes_it(
    client, program, office_user, django_capture_on_commit_callbacks
):
    run = RecomputationRun.objects.create(year=YEAR)
    recomputation._plan(run)
    RecomputationRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, error="boom")
    client.force_login(office_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("evaluation:run_resume", pk=run.pk))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == RunStatus.DONE


# ------------------------------------------------------------------ reports


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_report_page_lists_files_and_offers_the_form_to_the_office(
    client, office_user, language
):
    report = ReportFile.objects.create(
        year=2030, level="zone", language="en", format="xlsx", status=RunStatus.DONE,
        size_bytes=2048, duration_ms=345,
    )  # fmt: skip
    report.file.save(report.file_name, ContentFile(b"PK\x03\x04 workbook"), save=True)
    client.force_login(office_user)
    response = client.get(_url("evaluation:report_list", language))
    body = _body(response)
    assert response.context["form"] is not None
    assert _url("evaluation:report_request", language) in body
    assert report.file_name in body
    assert "345" in body
    assert _url("evaluation:report_download", language, pk=report.pk) in body
    client.force_login(f.CommitteeMemberFactory())
    response = client.get(_url("evaluation:report_list", language))
    assert response.context["form"] is None
    assert report.file_name in _body(response)


def test_requesting_a_report_queues_one_file_per_format(client, office_user):
    client.force_login(office_user)
    response = client.post(
        _url("evaluation:report_request"),
        {"year": "2030", "level": "zone", "language": "en", "formats": ["pdf", "xlsx"]},
    )
    assert response.status_code == 302
    assert sorted(ReportFile.objects.values_list("format", flat=True)) == ["pdf", "xlsx"]


def test_a_report_request_without_a_format_shows_the_error(client, office_user):
    client.force_login(office_user)
    response = client.post(
        _url("evaluation:report_request"), {"year": "2030", "level": "zone", "language": "ko"}
    )
    assert response.status_code == 200
    assert "formats" in response.context["form"].errors
    assert not ReportFile.objects.exists()


def test_a_report_downloads_only_when_done(client, office_user):
    pending = ReportFile.objects.create(year=2030, level="zone", language="ko", format="pdf")
    done = ReportFile.objects.create(
        year=2030, level="zone", language="ko", format="pdf", status=RunStatus.DONE
    )
    done.file.save(done.file_name, ContentFile(b"%PDF-1.4 report"), save=True)
    client.force_login(office_user)
    assert client.get(_url("evaluation:report_download", pk=pending.pk)).status_code == 403
    response = client.get(_url("evaluation:report_download", pk=done.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="clusterhub-report-2030-zone-ko.pdf"'
    )
    assert b"".join(response.streaming_content) == b"%PDF-1.4 report"


def test_chart_data_is_json_not_inline_script(client, computed, office_user):
    client.force_login(office_user)
    body = _body(client.get(_url("evaluation:scorecard_list")))
    start = body.index('id="scorecard-chart-data"')
    payload = body[body.index(">", start) + 1 : body.index("</script>", start)]
    assert computed["zone"].name_ko in json.loads(payload)["labels"]
