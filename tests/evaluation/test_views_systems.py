"""Evaluation pages through HTTP, in Korean and English: the section and its link, index
systems and the editing of their indicators."""

from decimal import Decimal

import pytest
from django.utils import translation

from clusterhub.evaluation.models import (
    IndexSystem,
    Indicator,
    Level,
    RecomputationRun,
    RunStatus,
    SystemStatus,
)
from tests import factories as f
from tests.evaluation.factories import (
    GroupFactory,
    IndexSystemFactory,
    IndicatorFactory,
)
from tests.evaluation.pages import LANGUAGES, _body, _url

pytestmark = pytest.mark.django_db


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
