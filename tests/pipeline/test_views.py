"""Pipeline pages through HTTP: inbox, one-click conversion, concurrent edits, the funnel."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clusterhub.accounts.actors import actor_for
from clusterhub.pipeline import services
from clusterhub.pipeline.models import Application
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def mini_cluster():
    return f.MiniClusterFactory()


def test_the_inbox_lists_open_difficulties_of_my_mini_clusters_only(client, mini_cluster):
    mine = f.DifficultyFactory(mini_cluster=mini_cluster, urgency="high")
    other = f.DifficultyFactory()
    client.force_login(f.CoordinatorFactory(mini_cluster=mini_cluster))
    page = client.get(reverse("pipeline:inbox")).context["page"]
    assert list(page) == [mine]
    assert other not in page


def test_one_click_turns_a_difficulty_into_a_draft(client, mini_cluster):
    difficulty = f.DifficultyFactory(mini_cluster=mini_cluster, description="Lens defects")
    support_type = f.SupportTypeFactory(first_year=2010)
    client.force_login(f.CoordinatorFactory(mini_cluster=mini_cluster))
    response = client.post(
        reverse("pipeline:difficulty_convert", kwargs={"pk": difficulty.pk}),
        {"support_type": support_type.pk, "year": 2026},
    )
    application = Application.objects.get()
    assert response["Location"] == reverse(
        "pipeline:application_edit", kwargs={"pk": application.pk}
    )
    assert "Lens defects" in application.plan


def test_a_stale_save_says_so_and_keeps_what_was_typed(client, mini_cluster):
    # given a draft that someone else saved after this user opened it
    application = f.ApplicationFactory(mini_cluster=mini_cluster, title="Original")
    coordinator = f.CoordinatorFactory(mini_cluster=mini_cluster)
    services.application_update(
        actor=actor_for(f.ProgramOfficeFactory()),
        application=application,
        version=1,
        title="Saved first",
    )
    client.force_login(coordinator)
    url = reverse("pipeline:application_edit", kwargs={"pk": application.pk})
    # when the user posts the form they opened at version 1
    response = client.post(
        url,
        {
            "version": 1,
            "title": "My careful rewrite",
            "plan": "p",
            "solution_route": "coordinator",
            "budget_total": 100,
            "requested_amount": 50,
            "support_type": application.support_type_id,
            "year": 2026,
        },
    )
    # then they see the message and their text, and nothing was overwritten
    body = response.content.decode()
    assert response.status_code == 200
    assert "My careful rewrite" in body
    assert response.context["form"].non_field_errors()
    application.refresh_from_db()
    assert application.title == "Saved first"


def test_the_timeline_shows_each_step(client, mini_cluster):
    application = f.ApplicationFactory(
        mini_cluster=mini_cluster, support_type__cap_per_project=None
    )
    staff = f.ProgramOfficeFactory()
    client.force_login(staff)
    f.MembershipFactory(mini_cluster=mini_cluster, organization=application.organization)
    client.post(
        reverse("pipeline:application_transition", kwargs={"pk": application.pk}),
        {"action": "submit"},
    )
    client.post(
        reverse("pipeline:application_transition", kwargs={"pk": application.pk}),
        {"action": "reject_at_screening", "note": "Out of scope"},
    )
    body = client.get(application.get_absolute_url()).content.decode()
    assert "Out of scope" in body
    assert body.count("<li><time>") == 3


def test_the_funnel_counts_stages_from_the_transitions(client, mini_cluster):
    # given three applications: one rejected by the committee, one selected, one still draft
    staff = actor_for(f.ProgramOfficeFactory())
    organization = f.MembershipFactory(mini_cluster=mini_cluster).organization
    support_type = f.SupportTypeFactory(first_year=2010)
    outcomes = []
    for decision in ["reject", "select"]:
        application = f.ApplicationFactory(
            mini_cluster=mini_cluster, organization=organization, support_type=support_type
        )
        for action in ["submit", "pass_screening", decision]:
            services.application_transition(
                actor=staff, application=application, action=action, note="reason"
            )
        outcomes.append(application)
    f.ApplicationFactory(mini_cluster=mini_cluster)
    client.force_login(staff.user)
    # when
    response = client.get(reverse("pipeline:funnel"), {"cut": "year"})
    # then
    ((_row, cells),) = response.context["table"]
    counts = [count for count, _rate in cells]
    assert counts[:3] == [2, 2, 1]  # applied, reviewed, selected
    assert cells[2][1] == 50.0
    csv_text = client.get(
        reverse("pipeline:funnel"), {"cut": "support_type", "format": "csv"}
    ).content.decode("utf-8-sig")
    assert support_type.name_ko in csv_text


@pytest.mark.parametrize("size", [2, 10])
def test_funnel_and_inbox_queries_do_not_grow(client, mini_cluster, size):
    staff = actor_for(f.ProgramOfficeFactory())
    for _ in range(size):
        application = f.ApplicationFactory(mini_cluster=mini_cluster, state="submitted")
        application.transitions.create(action="submit", from_state="draft", to_state="submitted")
        f.DifficultyFactory(mini_cluster=mini_cluster)
    client.force_login(staff.user)
    for cut in ["year", "support_type", "zone"]:
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("pipeline:funnel"), {"cut": cut})
        assert len(queries) <= 8
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("pipeline:inbox"))
    assert len(queries) <= 8
