"""Survey writes: building a draft — its target, its questions, who may change it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clusterhub.accounts.actors import actor_for
from clusterhub.surveys import services
from clusterhub.surveys.models import (
    Survey,
    SurveyLevel,
    SurveyStatus,
)
from tests import factories as f
from tests.surveys import factories as sf
from tests.surveys.services_support import NOW, _fields

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- building a draft


def test_regional_staff_create_a_draft_survey_of_their_zone(staff, zone):
    # when
    survey = services.survey_create(actor=staff, **_fields(zone=zone))
    # then
    assert survey.status == SurveyStatus.DRAFT
    assert survey.created_by == staff.user
    assert survey.history.get().history_change_reason == "survey_create"


def test_regional_staff_cannot_survey_another_zone_or_the_program(staff):
    with pytest.raises(PermissionDenied):
        services.survey_create(actor=staff, **_fields(zone=f.ZoneFactory()))
    with pytest.raises(PermissionDenied):
        services.survey_create(actor=staff, **_fields(level=SurveyLevel.PROGRAM))
    assert not Survey.objects.exists()


def test_the_target_must_match_the_level(office, zone, mini_cluster):
    with pytest.raises(ValidationError) as missing:
        services.survey_create(actor=office, **_fields(level=SurveyLevel.COMPLEX))
    assert "complex" in missing.value.error_dict
    with pytest.raises(ValidationError) as extra:
        services.survey_create(actor=office, **_fields(zone=zone, mini_cluster=mini_cluster))
    assert "mini_cluster" in extra.value.error_dict
    with pytest.raises(ValidationError):
        services.survey_create(actor=office, **_fields(level=SurveyLevel.PROGRAM, zone=zone))
    assert not Survey.objects.exists()


def test_the_database_refuses_a_target_that_does_not_match_the_level(zone):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Survey.objects.create(
            title_ko="x", title_en="x", year=2026, level=SurveyLevel.MINI_CLUSTER, zone=zone
        )


def test_a_draft_is_edited_and_an_open_survey_is_not(staff, zone, english):
    # given
    survey = sf.SurveyFactory(zone=zone)
    # when
    services.survey_update(actor=staff, survey=survey, title_en="Renamed", is_anonymous=True)
    # then
    survey.refresh_from_db()
    assert (survey.title_en, survey.is_anonymous) == ("Renamed", True)
    assert survey.history.first().history_change_reason == "survey_update"
    sf.opened(survey)
    with pytest.raises(ValidationError, match="Only a draft"):
        services.survey_update(actor=staff, survey=survey, title_en="Again")
    survey.refresh_from_db()
    assert survey.title_en == "Renamed"


def test_a_draft_moves_to_another_target_only_within_what_the_staff_serve(
    staff, zone, mini_cluster
):
    # given a zone survey
    survey = sf.SurveyFactory(zone=zone)
    # when it becomes a survey of one of the zone's mini clusters
    services.survey_update(
        actor=staff,
        survey=survey,
        level=SurveyLevel.MINI_CLUSTER,
        zone=None,
        mini_cluster=mini_cluster,
    )
    # then
    survey.refresh_from_db()
    assert (survey.level, survey.zone, survey.mini_cluster) == ("mini_cluster", None, mini_cluster)
    # but not into another zone
    with pytest.raises(PermissionDenied):
        services.survey_update(
            actor=staff,
            survey=survey,
            level=SurveyLevel.ZONE,
            zone=f.ZoneFactory(),
            mini_cluster=None,
        )
    survey.refresh_from_db()
    assert survey.mini_cluster == mini_cluster


def test_questions_are_added_moved_and_removed_in_order(staff, zone):
    # given
    survey = sf.SurveyFactory(zone=zone)
    first, second, third = (
        services.question_add(
            actor=staff,
            survey=survey,
            text_ko=f"질문{n}",
            text_en=f"Question {n}",
            kind="likert5",
            required=True,
            counts_toward_satisfaction=True,
        )
        for n in range(3)
    )
    assert [first.position, second.position, third.position] == [0, 1, 2]
    # when the third moves up, then the first is removed
    services.question_move(actor=staff, question=third, direction="up")
    services.question_remove(actor=staff, question=first)
    # then
    assert list(survey.questions.order_by("position").values_list("text_en", "position")) == [
        ("Question 2", 0),
        ("Question 1", 1),
    ]


def test_questions_of_an_open_survey_cannot_change(staff, zone):
    # given
    survey = sf.SurveyFactory(zone=zone)
    question = sf.QuestionFactory(survey=survey)
    sf.opened(survey)
    # then
    with pytest.raises(ValidationError):
        services.question_update(actor=staff, question=question, text_en="changed")
    with pytest.raises(ValidationError):
        services.question_remove(actor=staff, question=question)
    with pytest.raises(ValidationError):
        services.question_add(
            actor=staff,
            survey=survey,
            text_ko="새",
            text_en="new",
            kind="text",
            required=False,
            counts_toward_satisfaction=False,
        )
    assert list(survey.questions.values_list("pk", flat=True)) == [question.pk]


def test_a_text_question_cannot_count_toward_satisfaction(staff, zone):
    survey = sf.SurveyFactory(zone=zone)
    with pytest.raises(ValidationError) as error:
        services.question_add(
            actor=staff,
            survey=survey,
            text_ko="의견",
            text_en="Comments",
            kind="text",
            required=False,
            counts_toward_satisfaction=True,
        )
    assert "counts_toward_satisfaction" in error.value.error_dict


def test_staff_of_another_zone_cannot_change_the_survey(zone):
    survey = sf.SurveyFactory(zone=zone)
    question = sf.QuestionFactory(survey=survey)
    other = actor_for(f.RegionalStaffFactory())
    with pytest.raises(PermissionDenied):
        services.question_update(actor=other, question=question, text_en="mine")
    with pytest.raises(PermissionDenied):
        services.survey_open(actor=other, survey=survey, now=NOW)
