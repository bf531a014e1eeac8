"""Survey pages through HTTP: answering by token in both languages, the builder, results."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from clusterhub.surveys.models import Audience, Invitation, Question, Response, Survey, SurveyStatus
from tests import factories as f
from tests.surveys import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    """An open survey: a required rating, an optional rating, an optional text."""
    survey = sf.SurveyFactory(
        status=SurveyStatus.OPEN,
        title_ko="2026 광주 만족도 조사",
        title_en="2026 Gwangju satisfaction survey",
    )
    sf.QuestionFactory(
        survey=survey, text_ko="전반적으로 만족하십니까?", text_en="Satisfied overall?"
    )
    sf.QuestionFactory(
        survey=survey,
        text_ko="코디네이터 지원은?",
        text_en="The coordinator's help?",
        required=False,
    )
    sf.TextQuestionFactory(survey=survey, text_ko="개선할 점", text_en="What should improve")
    return survey


@pytest.fixture
def invitation(survey):
    return sf.InvitationFactory(survey=survey)


def _respond_url(invitation, language="ko"):
    with translation.override(language):
        return reverse("surveys:respond", kwargs={"token": invitation.token})


def _fields(survey):
    rating, optional, text = survey.questions.order_by("position")
    return f"question_{rating.pk}", f"question_{optional.pk}", f"question_{text.pk}"


# ---------------------------------------------------------------- respondents


@pytest.mark.parametrize(
    ("language", "title", "question"),
    [
        ("ko", "2026 광주 만족도 조사", "전반적으로 만족하십니까?"),
        ("en", "2026 Gwangju satisfaction survey", "Satisfied overall?"),
    ],
)
def test_a_respondent_opens_the_survey_by_token_in_either_language(
    client, invitation, language, title, question
):
    # when an anonymous visitor opens the personal link
    url = _respond_url(invitation, language)
    response = client.get(url)
    body = response.content.decode()
    # then
    assert url.startswith(f"/{language}/surveys/respond/")
    assert response.status_code == 200
    assert title in body
    assert question in body
    assert 'type="radio"' in body
    assert response["Cache-Control"].startswith("max-age=0")


def test_an_unknown_token_is_not_found(client, invitation):
    response = client.get(reverse("surveys:respond", kwargs={"token": "no-such-token"}))
    assert response.status_code == 404


def test_a_missing_required_answer_keeps_what_was_entered(client, survey, invitation):
    # given the optional rating and the text answered, the required rating not
    rating, optional, text = _fields(survey)
    # when
    response = client.post(_respond_url(invitation), {optional: "2", text: "세미나를 늘려 주세요"})
    body = response.content.decode()
    # then the page comes back with the error naming the question, and the answers kept
    assert response.status_code == 200
    assert response.context["form"].errors[rating]
    assert "전반적으로 만족하십니까?" in response.context["form"].errors[rating][0]
    assert "세미나를 늘려 주세요" in body
    assert f'name="{optional}" value="2" class="likert" id="id_{optional}_1" checked' in body
    assert not Response.objects.exists()


def test_an_error_names_the_question_in_english_on_the_english_page(
    client, survey, invitation, english
):
    rating, _optional, text = _fields(survey)
    response = client.post(_respond_url(invitation, "en"), {text: "More seminars"})
    error = response.context["form"].errors[rating][0]
    assert error == "Question 1 “Satisfied overall?” needs an answer."


def test_answers_are_recorded_once_then_thanks(client, survey, invitation):
    rating, _optional, text = _fields(survey)
    # when
    response = client.post(_respond_url(invitation), {rating: "5", text: "좋습니다"})
    # then
    thanks = reverse("surveys:respond_thanks", kwargs={"token": invitation.token})
    assert response.status_code == 302
    assert response["Location"] == thanks
    assert client.get(thanks).status_code == 200
    invitation.refresh_from_db()
    assert invitation.has_responded
    assert Response.objects.get().invitation == invitation
    # a second attempt is refused and changes nothing
    again = client.post(_respond_url(invitation), {rating: "1"})
    assert again.status_code == 200
    assert again.context["refusal"]
    assert Response.objects.count() == 1
    assert list(Response.objects.get().answers.values_list("likert", "text")) == [
        (5, ""),
        (None, "좋습니다"),
    ]


def test_the_thanks_page_before_answering_leads_back_to_the_survey(client, invitation):
    response = client.get(reverse("surveys:respond_thanks", kwargs={"token": invitation.token}))
    assert response.status_code == 302
    assert response["Location"] == _respond_url(invitation)


def test_a_closed_survey_says_so_and_shows_no_form(client, survey, invitation, english):
    Survey.objects.filter(pk=survey.pk).update(status=SurveyStatus.CLOSED)
    response = client.get(_respond_url(invitation, "en"))
    body = response.content.decode()
    assert "This survey is closed" in body
    assert '<form method="post" novalidate class="survey-response">' not in body


# ---------------------------------------------------------------- staff pages


@pytest.fixture
def zone_staff(survey):
    return f.RegionalStaffFactory(zone=survey.zone)


def test_staff_create_a_survey_and_a_leftover_target_choice_is_ignored(client, zone_staff):
    # given a zone survey whose form still has a mini cluster picked
    zone = zone_staff.role_grants.get().zone
    mini_cluster = f.MiniClusterFactory(hub=f.ComplexFactory(zone=zone))
    client.force_login(zone_staff)
    # when
    response = client.post(
        reverse("surveys:survey_create"),
        {
            "title_ko": "새 조사",
            "title_en": "New survey",
            "year": "2026",
            "level": "zone",
            "zone": zone.pk,
            "mini_cluster": mini_cluster.pk,
            "audience_members": "on",
        },
    )
    # then
    created = Survey.objects.get(title_en="New survey")
    assert response.status_code == 302
    assert response["Location"] == created.get_absolute_url()
    assert (created.zone, created.mini_cluster, created.created_by) == (zone, None, zone_staff)


def test_staff_cannot_create_a_survey_without_an_audience(client, zone_staff, english):
    zone = zone_staff.role_grants.get().zone
    client.force_login(zone_staff)
    response = client.post(
        reverse("surveys:survey_create"),
        {
            "title_ko": "새 조사",
            "title_en": "New",
            "year": "2026",
            "level": "zone",
            "zone": zone.pk,
        },
    )
    assert response.status_code == 200
    assert "Choose at least one audience." in response.content.decode()
    assert not Survey.objects.filter(title_en="New").exists()


def test_the_builder_adds_and_edits_questions_with_htmx(client, zone_staff):
    # given a draft
    draft = sf.SurveyFactory(zone=zone_staff.role_grants.get().zone)
    client.force_login(zone_staff)
    # when a question is added through htmx
    response = client.post(
        reverse("surveys:question_add", kwargs={"pk": draft.pk}),
        {
            "new-text_ko": "교류회에 만족하십니까?",
            "new-text_en": "Satisfied with the meetings?",
            "new-kind": "likert5",
            "new-required": "on",
            "new-counts_toward_satisfaction": "on",
        },
        headers={"HX-Request": "true"},
    )
    # then the list comes back with it
    body = response.content.decode()
    question = Question.objects.get(survey=draft)
    assert body.startswith('<div id="question-list">')
    assert "교류회에 만족하십니까?" in body
    # when its edit form is asked for, and saved without a Korean text
    url = reverse("surveys:question_edit", kwargs={"pk": draft.pk, "question_id": question.pk})
    form = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert form.startswith(f'<li id="question-{question.pk}"')
    invalid = client.post(
        url,
        {
            f"q{question.pk}-text_ko": "",
            f"q{question.pk}-text_en": "x",
            f"q{question.pk}-kind": "text",
        },
        headers={"HX-Request": "true"},
    )
    # then the list comes back with the row still a form, and nothing changed
    assert invalid.context["editing"] == question.pk
    assert invalid.context["edit_form"].errors["text_ko"]
    question.refresh_from_db()
    assert question.text_en == "Satisfied with the meetings?"


def test_staff_open_a_survey_after_confirming(client, zone_staff):
    # given a draft of the zone with a question and one member to ask
    zone = zone_staff.role_grants.get().zone
    mini_cluster = f.MiniClusterFactory(hub=f.ComplexFactory(zone=zone))
    person = sf.affiliated_person(f.MembershipFactory(mini_cluster=mini_cluster).organization)
    draft = sf.SurveyFactory(zone=zone)
    sf.QuestionFactory(survey=draft)
    client.force_login(zone_staff)
    url = reverse("surveys:survey_open", kwargs={"pk": draft.pk})
    # when the confirmation is shown, nothing is sent
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert confirm.context["invitee_counts"] == [(Audience.MEMBERS.label, 1)]
    assert not Invitation.objects.exists()
    # when confirmed
    response = client.post(url)
    # then
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == SurveyStatus.OPEN
    assert Invitation.objects.get().person == person


def test_opening_a_survey_without_questions_shows_why(client, zone_staff, english):
    draft = sf.SurveyFactory(zone=zone_staff.role_grants.get().zone)
    client.force_login(zone_staff)
    response = client.post(
        reverse("surveys:survey_open", kwargs={"pk": draft.pk}),
        follow=True,
    )
    assert "The survey has no questions" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == SurveyStatus.DRAFT


def test_the_results_page_shows_rates_scores_and_the_chart_data(client, survey, zone_staff):
    # given two answers
    rating, _optional, text = survey.questions.order_by("position")
    sf.answered(survey, {rating: 5, text: "아주 좋아요"})
    sf.answered(survey, {rating: 3})
    sf.InvitationFactory(survey=survey)
    client.force_login(zone_staff)
    # when
    response = client.get(reverse("surveys:survey_results", kwargs={"pk": survey.pk}))
    body = response.content.decode()
    # then
    assert response.status_code == 200
    assert str(response.context["score"]) == "75.0"
    assert 'id="survey-chart-data"' in body
    assert 'data-chart="survey-chart-data"' in body
    assert "아주 좋아요" in body
    assert "66.7%" in body  # 2 of 3 invited answered
    assert "<script>" not in body.replace('<script id="survey-chart-data"', "")


def test_the_list_filters_by_year_and_status_and_marks_demo_surveys(client):
    office = f.ProgramOfficeFactory()
    sf.SurveyFactory(year=2025, title_en="Old", title_ko="옛 조사", status=SurveyStatus.CLOSED)
    sf.SurveyFactory(year=2026, title_ko="데모 조사", is_demo=True)
    client.force_login(office)
    all_years = client.get(reverse("surveys:survey_list")).content.decode()
    assert "옛 조사" in all_years
    assert "데모 조사" in all_years
    assert "badge-demo" in all_years
    only_2026 = client.get(reverse("surveys:survey_list"), {"year": "2026"}).content.decode()
    assert "옛 조사" not in only_2026
    assert "데모 조사" in only_2026
    closed = client.get(reverse("surveys:survey_list"), {"status": "closed"}).content.decode()
    assert "옛 조사" in closed
    assert "데모 조사" not in closed


# ---------------------------------------------------------------- query counts


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_list_and_results_pages_take_the_same_queries_at_two_sizes(client, survey):
    office = f.ProgramOfficeFactory()
    client.force_login(office)
    list_url = reverse("surveys:survey_list")
    results_url = reverse("surveys:survey_results", kwargs={"pk": survey.pk})
    rating, optional, text = survey.questions.order_by("position")
    counts = []
    for size in (2, 10):
        while Survey.objects.count() < size:
            other = sf.survey_about(
                f.MiniClusterFactory(), status=SurveyStatus.CLOSED, is_demo=True
            )
            sf.QuestionFactory(survey=other)
            sf.InvitationFactory(survey=other)
        while Response.objects.filter(survey=survey).count() < size:
            sf.answered(survey, {rating: 4, optional: 2, text: "의견"})
        counts.append((_count_queries(client, list_url), _count_queries(client, results_url)))
    assert counts[0] == counts[1]


def test_the_builder_of_a_draft_takes_the_same_queries_at_two_sizes(client):
    office = f.ProgramOfficeFactory()
    client.force_login(office)
    zone = f.ZoneFactory()
    mini_cluster = f.MiniClusterFactory(hub=f.ComplexFactory(zone=zone))
    draft = sf.SurveyFactory(zone=zone, audience_companies=True, audience_experts=True)
    url = reverse("surveys:survey_detail", kwargs={"pk": draft.pk})
    counts = []
    for size in (2, 8):
        while draft.questions.count() < size:
            sf.QuestionFactory(survey=draft)
            sf.affiliated_person(f.MembershipFactory(mini_cluster=mini_cluster).organization)
            f.ApplicationFactory(mini_cluster=mini_cluster, state="completed", year=2026)
        counts.append(_count_queries(client, url))
    assert counts[0] == counts[1]


def test_the_open_date_is_shown_on_the_survey_page(client, survey):
    Survey.objects.filter(pk=survey.pk).update(opens_on=datetime.date(2026, 10, 1))
    client.force_login(f.ProgramOfficeFactory())
    body = client.get(survey.get_absolute_url()).content.decode()
    assert "2026-10-01" in body
