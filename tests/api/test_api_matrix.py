"""Every API endpoint × every role of the permission matrix, each role with its own token.

Like tests/test_permission_matrix.py for the pages, and on the same `World`: a row per
operation of the OpenAPI schema (an operation without a row fails
`test_every_endpoint_has_a_row`), each with the status every role gets. Public reads are
called without a token by the visitor and with their token by everyone else; a signed
endpoint is 401 for the visitor. A record the caller may not see is 404; a write the page
would refuse is 403, as on the page.
"""

import datetime
import json

import pytest

from clusterhub.api.main import api
from tests import factories as f
from tests.api.conftest import API, bearer, token_for
from tests.evaluation import factories as ef
from tests.matrix_support import ROLES, World
from tests.outcomes import factories as of


def everyone(status):
    return dict.fromkeys(ROLES, status)


PUBLIC = everyone(200)
SIGNED = {**everyone(200), "public": 401}
# The world's mini cluster: its staff, its coordinator and the member company.
PARTIES = {**everyone(404), "public": 401}
PARTIES |= dict.fromkeys(["program_office", "regional_staff", "coordinator", "company_member"], 200)


def writers(allowed, status):
    """`status` for the roles allowed, 403 for the other signed roles, 401 for the visitor."""
    return {**everyone(403), "public": 401, **dict.fromkeys(allowed, status)}


MANAGERS = ("program_office", "regional_staff", "coordinator")
PARTY_ROLES = (*MANAGERS, "company_member")


def _story(w):
    project = of.completed_application(mini_cluster=w.mini_cluster, organization=w.organization)
    return {"story_id": of.published(of.SuccessStoryFactory(application=project)).pk}


def _difficulty(w):
    difficulty = f.DifficultyFactory(mini_cluster=w.mini_cluster, organization=w.organization)
    return {"difficulty_id": difficulty.pk}


def _application(w):
    application = f.ApplicationFactory(mini_cluster=w.mini_cluster, organization=w.organization)
    return {"application_id": application.pk}


def _completed_project(w):
    project = of.completed_application(
        mini_cluster=w.mini_cluster, organization=w.organization, on=datetime.date(2024, 1, 10)
    )
    return {"application_id": project.pk}


def _membership(w):
    return {"slug": w.mini_cluster.slug, "membership_id": w.membership.pk}


def _evaluator_input(w):
    indicator = ef.QualitativeFactory()
    return {
        "indicator": indicator.pk,
        "entity_id": w.mini_cluster.pk,
        "score": "80",
        "evidence": "Visit",
    }


NO_ARGS = lambda w: {}  # noqa: E731
NO_BODY = None

# (method, path) → (path arguments from the world, body from the world and the arguments,
# status per role)
ROWS = {
    ("get", "/zones"): (NO_ARGS, NO_BODY, PUBLIC),
    ("get", "/zones/{code}"): (lambda w: {"code": w.zone.code}, NO_BODY, PUBLIC),
    ("get", "/complexes"): (NO_ARGS, NO_BODY, PUBLIC),
    ("get", "/complexes/{code}"): (lambda w: {"code": w.hub.code}, NO_BODY, PUBLIC),
    ("get", "/industries"): (NO_ARGS, NO_BODY, PUBLIC),
    ("get", "/mini-clusters"): (NO_ARGS, NO_BODY, PUBLIC),
    ("get", "/mini-clusters/{slug}"): (lambda w: {"slug": w.mini_cluster.slug}, NO_BODY, PUBLIC),
    ("get", "/mini-clusters/{slug}/activities"): (
        lambda w: {"slug": w.mini_cluster.slug},
        NO_BODY,
        PUBLIC,
    ),
    ("get", "/organizations"): (NO_ARGS, NO_BODY, PUBLIC),
    ("get", "/organizations/{slug}"): (
        lambda w: {"slug": w.organization.slug},
        NO_BODY,
        PUBLIC,
    ),
    ("get", "/success-stories"): (NO_ARGS, NO_BODY, PUBLIC),
    ("get", "/success-stories/{story_id}"): (_story, NO_BODY, PUBLIC),
    ("get", "/goals"): (NO_ARGS, NO_BODY, PUBLIC),
    ("get", "/statistics/tables"): (NO_ARGS, NO_BODY, PUBLIC),
    ("get", "/statistics/tables/{table_id}"): (
        lambda w: {"table_id": w.source_table.table_id},
        NO_BODY,
        PUBLIC,
    ),
    ("get", "/statistics/observations"): (NO_ARGS, NO_BODY, PUBLIC),
    ("get", "/statistics/findings"): (NO_ARGS, NO_BODY, PUBLIC),
    ("get", "/difficulties"): (NO_ARGS, NO_BODY, SIGNED),
    ("get", "/difficulties/{difficulty_id}"): (_difficulty, NO_BODY, PARTIES),
    ("post", "/difficulties"): (
        NO_ARGS,
        lambda w, a: {
            "organization": w.organization.slug,
            "mini_cluster": w.mini_cluster.slug,
            "category": "rd",
            "description": "Our press line needs a vision inspection step.",
        },
        writers(PARTY_ROLES, 201),
    ),
    ("get", "/applications"): (NO_ARGS, NO_BODY, SIGNED),
    ("get", "/applications/{application_id}"): (_application, NO_BODY, PARTIES),
    ("post", "/applications/{application_id}/transitions"): (
        _application,
        lambda w, a: {"action": "submit"},
        writers(PARTY_ROLES, 200),
    ),
    ("post", "/mini-clusters/{slug}/activities"): (
        lambda w: {"slug": w.mini_cluster.slug},
        lambda w, a: {
            "kind": "forum",
            "title_ko": "포럼",
            "held_on": "2026-03-02",
            "attendance": [{"organization": w.organization.slug, "headcount": 2}],
        },
        writers(MANAGERS, 201),
    ),
    ("get", "/mini-clusters/{slug}/memberships"): (
        lambda w: {"slug": w.mini_cluster.slug},
        NO_BODY,
        writers(MANAGERS, 200),
    ),
    ("post", "/mini-clusters/{slug}/memberships"): (
        lambda w: {"slug": w.mini_cluster.slug},
        lambda w, a: {"organization": w.other_organization.slug, "joined_on": "2026-01-05"},
        writers(MANAGERS, 201),
    ),
    ("post", "/mini-clusters/{slug}/memberships/{membership_id}/end"): (
        _membership,
        lambda w, a: {"left_on": "2026-12-31"},
        writers(MANAGERS, 200),
    ),
    ("post", "/applications/{application_id}/outcomes"): (
        _completed_project,
        lambda w, a: {
            "organization": w.organization.slug,
            "metric": "employees",
            "period": "baseline",
            "value": "42",
        },
        writers(("program_office", "regional_staff", "company_member"), 200),
    ),
    ("post", "/evaluation/inputs"): (
        NO_ARGS,
        lambda w, a: _evaluator_input(w),
        writers(("program_office", "regional_staff", "committee_member"), 200),
    ),
}


def _operations() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return {
        (method, path.removeprefix(API))
        for path, operations in schema["paths"].items()
        for method in operations
    }


def test_every_endpoint_has_a_row():
    assert _operations() - ROWS.keys() == set(), "add these endpoints to the API matrix"
    assert ROWS.keys() - _operations() == set(), "these rows name no endpoint"


@pytest.fixture(scope="module")
def api_world(module_transaction):
    """The matrix's world and a token per role (none for the visitor), built once."""
    world = World.build()
    tokens = {}
    for role in ROLES:
        user = world.user_for(role)
        tokens[role] = token_for(user) if user is not None else None
    return world, tokens


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", sorted(ROWS), ids=lambda op: f"{op[0]} {op[1]}")
def test_api_matrix(client, settings, tmp_path, api_world, operation, role):
    # given the world, the role's token and what the row needs
    settings.MEDIA_ROOT = tmp_path / "media"
    world, tokens = api_world
    method, template = operation
    arguments_for, body_for, expected = ROWS[operation]
    arguments = arguments_for(world)
    path_arguments = {
        name: value for name, value in arguments.items() if "{" + name + "}" in template
    }
    url = API + template.format(**path_arguments)
    headers = bearer(tokens[role]) if tokens[role] else {}
    # when the role calls the endpoint
    if method == "get":
        response = client.get(url, **headers)
    else:
        body = body_for(world, arguments) if body_for else {}
        response = client.post(url, json.dumps(body), content_type="application/json", **headers)
    # then it gets the row's status, and a refusal is a problem document
    assert response.status_code == expected[role], response.content[:300]
    if response.status_code >= 400:
        assert response.json()["status"] == response.status_code
