"""Committee pages through HTTP: staff run a round; a reviewer scores what they are assigned."""

import pytest
from django.urls import reverse
from django.utils import translation

from clusterhub.review.models import CommitteeRound, Review
from tests import factories as f
from tests.review import factories as rf

pytestmark = pytest.mark.django_db


def _en(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


# ---------------------------------------------------------------- staff


def test_staff_open_a_round_through_the_form(client):
    # given
    staff = f.RegionalStaffFactory()
    client.force_login(staff)
    rubric = rf.RubricFactory()
    # when
    response = client.post(
        reverse("review:round_create"),
        {"name": "2026 1차 기술개발", "year": 2026, "rubric": rubric.pk, "quorum": 2},
    )
    # then
    committee_round = CommitteeRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == committee_round.get_absolute_url()
    assert committee_round.created_by == staff
    assert committee_round.history.get().history_change_reason == "round_create"


def test_the_round_page_shows_conflicts_with_their_reason_and_the_recusal(client):
    # given a member who works at the applicant
    committee_round = rf.RoundFactory()
    application = rf.enter(committee_round)
    member = rf.SeatFactory(round=committee_round)
    rf.AffiliationFactory(person=member.expert.person, organization=application.organization)
    client.force_login(f.ProgramOfficeFactory())
    client.post(_en("review:round_detect_conflicts", pk=committee_round.pk))
    # when
    body = client.get(_en("review:round_detail", pk=committee_round.pk)).content.decode()
    # then
    assert "Works at the applicant" in body
    assert f"currently works at the applicant, {application.organization.name_en}" in body
    assert "recused" in body


def test_staff_add_members_and_applications_then_assign_through_the_pages(client):
    # given
    office = f.ProgramOfficeFactory()
    client.force_login(office)
    committee_round = rf.RoundFactory()
    reviewer = rf.ReviewerFactory()
    application = rf.CommitteeApplicationFactory(year=committee_round.year)
    # when
    client.post(
        reverse("review:round_add_member", kwargs={"pk": committee_round.pk}),
        {"expert": reviewer.person.expert_profile.pk},
    )
    client.post(
        reverse("review:round_add_applications", kwargs={"pk": committee_round.pk}),
        {"applications": [application.pk]},
    )
    response = client.post(reverse("review:round_assign", kwargs={"pk": committee_round.pk}))
    # then
    assert response.status_code == 302
    assignment = committee_round.assignments.get()
    assert assignment.member.user == reviewer
    assert assignment.application == application


def test_a_refused_application_is_shown_on_the_round_page(client):
    # given an application of another year
    client.force_login(f.ProgramOfficeFactory())
    committee_round = rf.RoundFactory(year=2026)
    rf.CommitteeApplicationFactory(year=2026)
    # when an application that is not offered is posted
    draft = f.ApplicationFactory(state="draft", year=2026)
    response = client.post(
        reverse("review:round_add_applications", kwargs={"pk": committee_round.pk}),
        {"applications": [draft.pk]},
    )
    # then the form is shown again with its error, and nothing entered
    assert response.status_code == 200
    assert response.context["application_form"].errors
    assert not committee_round.entries.exists()


def test_the_results_show_the_calculation(client):
    committee_round = rf.RoundFactory(quorum=1)
    application = rf.enter(committee_round)
    assignment = rf.AssignmentFactory(round=committee_round, application=application)
    rf.submitted_review(assignment, [8, 15])
    client.force_login(f.ProgramOfficeFactory())
    body = client.get(committee_round.get_absolute_url()).content.decode()
    assert "8/10 × 40 + 15/20 × 60 = 32.00 + 45.00 = 77.00" in body


def test_closing_without_quorum_is_refused_with_a_message(client):
    committee_round = rf.RoundFactory(quorum=1)
    application = rf.enter(committee_round)
    client.force_login(f.ProgramOfficeFactory())
    response = client.post(_en("review:round_close", pk=committee_round.pk), follow=True)
    assert application.reference in response.content.decode()
    committee_round.refresh_from_db()
    assert committee_round.is_open


# ---------------------------------------------------------------- reviewers


@pytest.fixture
def assignment():
    committee_round = rf.RoundFactory()
    reviewer = rf.ReviewerFactory()
    application = rf.enter(committee_round, plan="광센서 시제품 제작 계획")
    return rf.AssignmentFactory(
        round=committee_round, application=application, member=rf.seat(committee_round, reviewer)
    )


def _form_data(assignment, plan, impact, *, comment="", version=0, submit=False):
    plan_criterion, impact_criterion = assignment.round.rubric.criteria.all()
    data = {
        f"score_{plan_criterion.pk}": plan,
        f"score_{impact_criterion.pk}": impact,
        "comment": comment,
        "version": version,
    }
    if submit:
        data["submit"] = "1"
    return data


def test_my_reviews_lists_only_my_conflict_free_assignments(client, assignment):
    # given another reviewer's assignment in the same round
    other = rf.AssignmentFactory(round=assignment.round, application=rf.enter(assignment.round))
    client.force_login(assignment.member.user)
    # when
    body = client.get(reverse("review:my_reviews")).content.decode()
    # then
    assert assignment.application.reference in body
    assert other.application.reference not in body


def test_the_reviewer_reads_the_application_and_saves_a_draft(client, assignment):
    client.force_login(assignment.member.user)
    url = assignment.get_absolute_url()
    assert "광센서 시제품 제작 계획" in client.get(url).content.decode()
    response = client.post(url, _form_data(assignment, 8, 15, comment="좋음"))
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.comment, review.version, review.is_submitted) == ("좋음", 1, False)


def test_saving_with_htmx_swaps_the_form_with_the_new_version(client, assignment):
    client.force_login(assignment.member.user)
    response = client.post(
        assignment.get_absolute_url(), _form_data(assignment, 8, 15), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response.templates[0].name == "review/partials/review_form.html"
    assert response.context["form"].initial["version"] == 1


def test_submitting_freezes_the_review(client, assignment):
    client.force_login(assignment.member.user)
    response = client.post(
        assignment.get_absolute_url(), _form_data(assignment, 8, 15, submit=True)
    )
    assert response.status_code == 302
    assert Review.objects.get().is_submitted
    assert not client.get(assignment.get_absolute_url()).context["editable"]


def test_a_stale_save_keeps_the_input_and_says_the_review_changed(client, assignment):
    # given the review was saved (version 1) after this page was opened at version 0
    client.force_login(assignment.member.user)
    client.post(assignment.get_absolute_url(), _form_data(assignment, 8, 15, comment="first"))
    # when the page opened earlier saves
    with translation.override("en"):
        response = client.post(
            _en("review:review_edit", assignment_id=assignment.pk),
            _form_data(assignment, 3, 4, comment="my second thoughts"),
        )
    # then nothing is lost: the input is back on the page, the saved version is shown
    body = response.content.decode()
    assert response.status_code == 200
    assert "changed since you opened it" in body
    assert "my second thoughts" in body
    assert "first" in body
    assert response.context["form"]["version"].value() == "1"
    review = Review.objects.get()
    assert (review.comment, review.version) == ("first", 1)


def test_a_reviewer_may_not_open_someone_elses_assignment(client, assignment):
    client.force_login(rf.ReviewerFactory())
    assert client.get(assignment.get_absolute_url()).status_code == 403


# ---------------------------------------------------------------- query counts


@pytest.mark.parametrize("size", [1, 5])
def test_list_pages_queries_do_not_grow(client, django_assert_max_num_queries, size):
    # given `size` rounds, each with an application and a reviewer's assignment
    reviewer = rf.ReviewerFactory()
    for _ in range(size):
        committee_round = rf.RoundFactory()
        rf.AssignmentFactory(
            round=committee_round,
            application=rf.enter(committee_round),
            member=rf.seat(committee_round, reviewer),
        )
    office = f.ProgramOfficeFactory()
    # when / then
    client.force_login(office)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("review:round_list")).status_code == 200
    client.force_login(reviewer)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("review:my_reviews")).status_code == 200


@pytest.mark.parametrize("size", [1, 4])
def test_round_detail_queries_do_not_grow(client, django_assert_max_num_queries, size):
    # given a round of `size` applications, two members, every assignment reviewed
    committee_round = rf.RoundFactory()
    members = [rf.SeatFactory(round=committee_round) for _ in range(2)]
    for _ in range(size):
        application = rf.enter(committee_round)
        for member in members:
            rf.submitted_review(
                rf.AssignmentFactory(round=committee_round, application=application, member=member),
                [5, 10],
            )
    client.force_login(f.ProgramOfficeFactory())
    # when / then
    with django_assert_max_num_queries(22):
        assert client.get(committee_round.get_absolute_url()).status_code == 200
