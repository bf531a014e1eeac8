"""Evaluation pages through HTTP, in Korean and English: scorecards and rankings, history
across years, the records behind each number, and evaluator input."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import translation

from clusterhub.evaluation import services
from clusterhub.evaluation.models import (
    EvaluatorInput,
    Level,
)
from tests import factories as f
from tests.evaluation.pages import LANGUAGES, _body, _mc_card, _url, _zone_card
from tests.evaluation.world import YEAR

pytestmark = pytest.mark.django_db


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


def test_chart_data_is_json_not_inline_script(client, computed, office_user):
    client.force_login(office_user)
    body = _body(client.get(_url("evaluation:scorecard_list")))
    start = body.index('id="scorecard-chart-data"')
    payload = body[body.index(">", start) + 1 : body.index("</script>", start)]
    assert computed["zone"].name_ko in json.loads(payload)["labels"]
