"""Writes through the API go through the pages' services: the same history row (actor and
reason) when allowed, the same refusal when not, and nothing half-written."""

import json

import pytest

from clusterhub.networks.models import MiniClusterMembership, NetworkingActivity
from clusterhub.pipeline.models import Difficulty
from tests.api.conftest import API, bearer, token_for
from tests.matrix_support import World

pytestmark = pytest.mark.django_db


def _post(client, path, body, secret):
    return client.post(
        API + path, json.dumps(body), content_type="application/json", **bearer(secret)
    )


def test_a_difficulty_reported_through_the_api_leaves_the_pages_history_row(client):
    # given a company member's token
    world = World.build()
    user = world.user_for("company_member")
    # when the company reports a difficulty through the API
    response = _post(
        client,
        "/difficulties",
        {
            "organization": world.organization.slug,
            "mini_cluster": world.mini_cluster.slug,
            "category": "rd",
            "description": "A vision inspection step.",
        },
        token_for(user),
    )
    # then it is recorded as the page records it: by this user, for this reason
    difficulty = Difficulty.objects.get(pk=response.json()["id"])
    record = difficulty.history.get()
    assert response.status_code == 201
    assert (record.history_user, record.history_change_reason) == (user, "difficulty_report")
    assert difficulty.reported_by == user


def test_a_write_the_page_refuses_is_refused_and_changes_nothing(client):
    # given a company member, who may not admit members to a mini cluster
    world = World.build()
    secret = token_for(world.user_for("company_member"))
    # when they try to through the API
    response = _post(
        client,
        f"/mini-clusters/{world.mini_cluster.slug}/memberships",
        {"organization": world.other_organization.slug, "joined_on": "2026-01-05"},
        secret,
    )
    # then they are refused as on the page, and nothing is written
    assert response.status_code == 403
    assert response.json()["type"].endswith("/forbidden")
    assert not MiniClusterMembership.objects.filter(organization=world.other_organization).exists()


def test_a_missing_field_is_named(client):
    world = World.build()
    secret = token_for(world.user_for("coordinator"))
    response = _post(
        client, f"/mini-clusters/{world.mini_cluster.slug}/activities", {"kind": "forum"}, secret
    )
    fields = {error["field"] for error in response.json()["errors"]}
    assert response.status_code == 422
    assert {"title_ko", "held_on"} <= fields


def test_a_service_refusal_names_its_field_and_writes_nothing(client):
    # given a coordinator who lists the same company twice
    world = World.build()
    secret = token_for(world.user_for("coordinator"))
    before = NetworkingActivity.objects.count()
    line = {"organization": world.organization.slug, "headcount": 1}
    # when they log the activity
    response = _post(
        client,
        f"/mini-clusters/{world.mini_cluster.slug}/activities",
        {"kind": "forum", "title_ko": "포럼", "held_on": "2026-03-02", "attendance": [line, line]},
        secret,
    )
    # then the service's refusal names the field, and no activity is half-written
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["attendance"]
    assert NetworkingActivity.objects.count() == before
