"""Reads: the satisfaction score at every level, response rates, results; query counts."""

from decimal import Decimal

import pytest
from django.db.models import Q

from clusterhub.surveys import selectors
from clusterhub.surveys.models import Audience, SurveyStatus
from tests import factories as f
from tests.surveys import factories as sf

pytestmark = pytest.mark.django_db


def _rated(target, ratings, *, year=2026, status=SurveyStatus.OPEN, **kwargs):
    """A survey of `target` with one counted question, answered once per rating."""
    survey = sf.survey_about(target, year=year, status=status, **kwargs)
    question = sf.QuestionFactory(survey=survey)
    for rating in ratings:
        sf.answered(survey, {question: rating})
    return survey


@pytest.fixture
def places():
    """A zone with a hub and a mini cluster under it, and another zone."""
    zone = f.ZoneFactory()
    hub = f.ComplexFactory(zone=zone)
    mini_cluster = f.MiniClusterFactory(hub=hub)
    other_zone = f.ZoneFactory()
    return zone, hub, mini_cluster, other_zone


def test_satisfaction_nests_mini_clusters_in_their_hub_and_zone_and_all_in_the_program(places):
    # given surveys at each level of 2026
    zone, hub, mini_cluster, other_zone = places
    of_mini_cluster = _rated(mini_cluster, [5, 5])
    of_hub = _rated(hub, [3])
    of_zone = _rated(zone, [1])
    of_other_zone = _rated(other_zone, [4])
    of_program = _rated(None, [2], status=SurveyStatus.CLOSED)
    # when / then: a mini cluster counts its own survey only
    assert selectors.satisfaction_for(
        level="mini_cluster", entity_id=mini_cluster.pk, year=2026
    ) == selectors.Satisfaction(
        score=Decimal("100.0"), responses=2, invited=2, survey_ids=(of_mini_cluster.pk,)
    )
    # a hub counts its mini clusters': 5, 5, 3 → mean 4.333 → 83.3
    by_hub = selectors.satisfaction_for(level="complex", entity_id=hub.pk, year=2026)
    assert by_hub.score == Decimal("83.3")
    assert by_hub.survey_ids == (of_mini_cluster.pk, of_hub.pk)
    assert (by_hub.responses, by_hub.invited) == (3, 3)
    # a zone counts its hubs' and mini clusters': 5, 5, 3, 1 → mean 3.5 → 62.5
    by_zone = selectors.satisfaction_for(level="zone", entity_id=zone.pk, year=2026)
    assert by_zone.score == Decimal("62.5")
    assert by_zone.survey_ids == (of_mini_cluster.pk, of_hub.pk, of_zone.pk)
    # another zone its own only
    assert selectors.satisfaction_for(
        level="zone", entity_id=other_zone.pk, year=2026
    ).score == Decimal("75.0")
    # the program counts everything: 5, 5, 3, 1, 4, 2 → mean 3.333 → 58.3
    by_program = selectors.satisfaction_for(level="program", entity_id=None, year=2026)
    assert by_program.score == Decimal("58.3")
    assert set(by_program.survey_ids) == {
        of_mini_cluster.pk,
        of_hub.pk,
        of_zone.pk,
        of_other_zone.pk,
        of_program.pk,
    }
    assert by_program.responses == 6


def test_only_open_and_closed_surveys_of_the_year_and_counted_ratings_count(places):
    # given a counted survey with a rating that does not count and a text answer …
    zone, _hub, _mini_cluster, _ = places
    survey = sf.survey_about(zone, status=SurveyStatus.OPEN)
    counted = sf.QuestionFactory(survey=survey)
    not_counted = sf.QuestionFactory(survey=survey, counts_toward_satisfaction=False)
    text = sf.TextQuestionFactory(survey=survey)
    sf.answered(survey, {counted: 4, not_counted: 1, text: "좋아요"})
    # … a survey of another year, and a draft with answers (as if left over)
    _rated(zone, [1], year=2025)
    _rated(zone, [1], status=SurveyStatus.DRAFT)
    # when
    satisfaction = selectors.satisfaction_for(level="zone", entity_id=zone.pk, year=2026)
    # then only the counted rating of the open 2026 survey: 4 → 75.0
    assert satisfaction.score == Decimal("75.0")
    assert satisfaction.survey_ids == (survey.pk,)
    assert satisfaction.responses == 1


def test_satisfaction_rounds_half_up_to_one_decimal(places):
    # given ratings 2, 1, 1, 1: mean 1.25 → 6.25
    zone = places[0]
    _rated(zone, [2, 1, 1, 1])
    # then
    assert selectors.satisfaction_for(level="zone", entity_id=zone.pk, year=2026).score == Decimal(
        "6.3"
    )


def test_satisfaction_is_none_without_surveys_or_answers(places):
    zone, hub, _mini_cluster, _ = places
    # no survey at all
    assert selectors.satisfaction_for(
        level="zone", entity_id=zone.pk, year=2026
    ) == selectors.Satisfaction(score=None, responses=0, invited=0, survey_ids=())
    # a survey with invitations but no answers yet
    survey = sf.survey_about(hub, status=SurveyStatus.OPEN)
    sf.QuestionFactory(survey=survey)
    sf.InvitationFactory(survey=survey)
    sf.InvitationFactory(survey=survey)
    assert selectors.satisfaction_for(
        level="zone", entity_id=zone.pk, year=2026
    ) == selectors.Satisfaction(score=None, responses=0, invited=2, survey_ids=(survey.pk,))


def test_satisfaction_refuses_a_level_without_its_entity():
    with pytest.raises(ValueError, match="needs an entity id"):
        selectors.satisfaction_for(level="zone", entity_id=None, year=2026)
    with pytest.raises(ValueError, match="takes no entity id"):
        selectors.satisfaction_for(level="program", entity_id=3, year=2026)
    with pytest.raises(ValueError, match="unknown level"):
        selectors.satisfaction_for(level="galaxy", entity_id=3, year=2026)


def test_the_responses_behind_the_score_are_those_counted(places):
    zone, _hub, mini_cluster, other_zone = places
    of_mini_cluster = _rated(mini_cluster, [5])
    of_zone = _rated(zone, [3, 4], is_anonymous=True)
    _rated(other_zone, [1])
    _rated(zone, [1], year=2025)
    # when
    responses = list(selectors.satisfaction_responses(level="zone", entity_id=zone.pk, year=2026))
    # then
    assert [response.survey_id for response in responses] == [
        of_mini_cluster.pk,
        of_zone.pk,
        of_zone.pk,
    ]
    satisfaction = selectors.satisfaction_for(level="zone", entity_id=zone.pk, year=2026)
    assert len(responses) == satisfaction.responses
    # anonymous responses carry no invitation
    assert [r.invitation_id is None for r in responses] == [False, True, True]


def _grow(places, size: int) -> None:
    """`size` surveys of the zone's mini cluster, hub and zone, each with a few answers."""
    zone, hub, mini_cluster, _ = places
    for _n in range(size):
        for target in (mini_cluster, hub, zone):
            survey = sf.survey_about(target, status=SurveyStatus.CLOSED)
            question = sf.QuestionFactory(survey=survey)
            text = sf.TextQuestionFactory(survey=survey)
            sf.answered(survey, {question: 4, text: "좋음"})
            sf.answered(survey, {question: 2})
            sf.InvitationFactory(survey=survey)


@pytest.mark.parametrize("level", ["mini_cluster", "complex", "zone", "program"])
def test_satisfaction_takes_four_queries_whatever_the_data(
    places, level, django_assert_num_queries
):
    zone, hub, mini_cluster, _ = places
    entity_id = {"mini_cluster": mini_cluster.pk, "complex": hub.pk, "zone": zone.pk}.get(level)
    for size in (1, 5):
        _grow(places, size)
        with django_assert_num_queries(4):
            satisfaction = selectors.satisfaction_for(level=level, entity_id=entity_id, year=2026)
        assert satisfaction.score == Decimal("50.0")
        with django_assert_num_queries(1):
            responses = list(
                selectors.satisfaction_responses(level=level, entity_id=entity_id, year=2026)
            )
            for response in responses:
                str(response.survey.target_label)


def test_response_rates_overall_and_per_audience():
    # given 3 members invited (2 answered) and 2 experts invited (1 answered)
    survey = sf.SurveyFactory(status=SurveyStatus.OPEN, audience_experts=True)
    question = sf.QuestionFactory(survey=survey)
    for audience, answered in [
        (Audience.MEMBERS, True),
        (Audience.MEMBERS, True),
        (Audience.MEMBERS, False),
        (Audience.EXPERTS, True),
        (Audience.EXPERTS, False),
    ]:
        invitation = sf.InvitationFactory(survey=survey, audience=audience)
        if answered:
            sf.answered(survey, {question: 4}, invitation=invitation)
    # when
    rates = selectors.response_rates(survey=survey)
    # then
    assert [(r.audience, r.invited, r.responded, r.percent) for r in rates.by_audience] == [
        ("members", 3, 2, Decimal("66.7")),
        ("experts", 2, 1, Decimal("50.0")),
    ]
    assert (rates.overall.invited, rates.overall.responded, rates.overall.percent) == (
        5,
        3,
        Decimal("60.0"),
    )


def test_response_rates_of_a_survey_nobody_was_invited_to_have_no_percentage():
    survey = sf.SurveyFactory()
    rates = selectors.response_rates(survey=survey)
    assert rates.overall.percent is None
    assert [(r.audience, r.invited) for r in rates.by_audience] == [("members", 0)]


def test_question_results_give_the_distribution_mean_and_texts():
    # given
    survey = sf.SurveyFactory(status=SurveyStatus.OPEN)
    rating = sf.QuestionFactory(survey=survey)
    text = sf.TextQuestionFactory(survey=survey)
    for value, comment in [(5, "훌륭함"), (4, ""), (4, "세미나 확대"), (1, "")]:
        answers = {rating: value}
        if comment:
            answers[text] = comment
        sf.answered(survey, answers)
    # when
    first, second = selectors.question_results(survey=survey)
    # then
    assert first.counts == (1, 0, 0, 2, 1)
    assert first.mean == Decimal("3.50")
    assert first.answered == 4
    assert first.distribution[3] == (4, 2, Decimal("50.0"))
    assert second.texts == ("훌륭함", "세미나 확대")
    assert second.answered == 2
    assert selectors.survey_score(survey=survey) == Decimal("62.5")
    chart = selectors.results_chart([first, second])
    assert chart["labels"] == ["Q1"]
    assert [dataset["values"] for dataset in chart["datasets"]] == [[1], [0], [0], [2], [1]]


def test_the_survey_list_takes_one_query_with_its_counts(django_assert_num_queries):
    zone = f.ZoneFactory()
    for size in (2, 6):
        while selectors.survey_list(scope=Q()).count() < size:
            survey = sf.survey_about(zone, status=SurveyStatus.OPEN)
            question = sf.QuestionFactory(survey=survey)
            sf.answered(survey, {question: 3})
            sf.InvitationFactory(survey=survey)
        with django_assert_num_queries(1):
            surveys = list(selectors.survey_list(scope=Q()))
            for survey in surveys:
                str(survey.target_label)
        assert {(s.question_count, s.invited_count, s.response_count) for s in surveys} == {
            (1, 2, 1)
        }
