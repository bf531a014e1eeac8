"""Every URL × every role: who may open what.

The matrix must name every URL the project serves (admin excepted, which Django's staff
flag guards and `test_admin_requires_staff` covers). Rows live here for the first apps and
in `tests/<app>/matrix.py` (a `ROWS` dict of the same shape) for the others. A new URL
without a row makes `test_every_url_has_a_row` fail, so no view ships without a permission
decision. A row's kwargs function receives the `World` and may create what its URL needs
with the factories, attached to the world's mini cluster and organizations.

Outcomes: OK (served: 200, or a redirect that is not to the login page), LOGIN (sent to log
in), DENIED (403).
"""

import importlib
import pkgutil
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.matrix_support import (
    DENIED,
    LOGIN,
    MINI_CLUSTER_MANAGERS,
    OK,
    ORGANIZATION_EDITORS,
    PROGRAM_STAFF,
    ROLES,
    SIGNED_IN,
    World,
    everyone,
)

# url name → (method, kwargs from the world, POST data, expected outcome per role)
MATRIX = {
    "healthz": ("get", lambda w: {}, None, everyone(OK)),
    "set_language": ("post", lambda w: {}, {"language": "en", "next": "/ko/"}, everyone(OK)),
    "portal:home": ("get", lambda w: {}, None, everyone(OK)),
    "portal:dashboard": ("get", lambda w: {}, None, SIGNED_IN),
    "accounts:login": ("get", lambda w: {}, None, everyone(OK)),
    "accounts:logout": ("post", lambda w: {}, {}, everyone(OK)),
    "geography:zone_list": ("get", lambda w: {}, None, everyone(OK)),
    "geography:zone_detail": ("get", lambda w: {"code": w.zone.code}, None, everyone(OK)),
    "geography:complex_list": ("get", lambda w: {}, None, everyone(OK)),
    "geography:complex_detail": ("get", lambda w: {"code": w.hub.code}, None, everyone(OK)),
    "directory:organization_list": ("get", lambda w: {}, None, everyone(OK)),
    "directory:organization_detail": (
        "get",
        lambda w: {"slug": w.organization.slug},
        None,
        everyone(OK),
    ),
    "directory:organization_edit": (
        "get",
        lambda w: {"slug": w.organization.slug},
        None,
        ORGANIZATION_EDITORS,
    ),
    "networks:mini_cluster_list": ("get", lambda w: {}, None, everyone(OK)),
    "networks:mini_cluster_detail": (
        "get",
        lambda w: {"slug": w.mini_cluster.slug},
        None,
        everyone(OK),
    ),
    "networks:mini_cluster_create": ("get", lambda w: {}, None, PROGRAM_STAFF),
    "networks:mini_cluster_edit": (
        "get",
        lambda w: {"slug": w.mini_cluster.slug},
        None,
        MINI_CLUSTER_MANAGERS,
    ),
    "networks:sig_create": (
        "get",
        lambda w: {"slug": w.mini_cluster.slug},
        None,
        MINI_CLUSTER_MANAGERS,
    ),
    "networks:sig_edit": (
        "get",
        lambda w: {"slug": w.mini_cluster.slug, "sig_slug": w.sig.slug},
        None,
        MINI_CLUSTER_MANAGERS,
    ),
    "networks:membership_manage": (
        "get",
        lambda w: {"slug": w.mini_cluster.slug},
        None,
        MINI_CLUSTER_MANAGERS,
    ),
    "networks:membership_end": (
        "post",
        lambda w: {"slug": w.mini_cluster.slug, "membership_id": w.membership.pk},
        {"left_on": "2025-12-31"},
        MINI_CLUSTER_MANAGERS,
    ),
    "networks:activity_create": (
        "get",
        lambda w: {"slug": w.mini_cluster.slug},
        None,
        MINI_CLUSTER_MANAGERS,
    ),
    "statistics:explorer": ("get", lambda w: {}, None, everyone(OK)),
    "statistics:explorer_download": ("get", lambda w: {"fmt": "csv"}, None, everyone(OK)),
    "statistics:source_list": ("get", lambda w: {}, None, everyone(OK)),
    "statistics:table_detail": (
        "get",
        lambda w: {"table_id": w.source_table.table_id},
        None,
        everyone(OK),
    ),
    "statistics:table_download": (
        "get",
        lambda w: {"table_id": w.source_table.table_id, "fmt": "xlsx"},
        None,
        everyone(OK),
    ),
    "networks:activity_detail": (
        "get",
        lambda w: {"slug": w.mini_cluster.slug, "pk": w.activity.pk},
        None,
        everyone(OK),
    ),
}


def _app_rows() -> dict:
    rows = {}
    for module_info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if module_info.ispkg and (Path(__file__).parent / module_info.name / "matrix.py").exists():
            module = importlib.import_module(f"tests.{module_info.name}.matrix")
            overlap = rows.keys() & module.ROWS.keys()
            assert not overlap, f"rows defined twice: {overlap}"
            rows.update(module.ROWS)
    return rows


MATRIX.update(_app_rows())


def _named_urls(patterns=None, namespace=""):
    """Every named URL of the project, as `namespace:name`."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_urls(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


# The API's endpoints (namespace `api-1`) have their own matrix, every endpoint × role with
# a token per role: tests/api/test_api_matrix.py, which fails on an endpoint without a row.
API_NAMESPACE = "api-1:"


def test_every_url_has_a_row():
    served = {name for name in _named_urls() if not name.startswith(("admin:", API_NAMESPACE))}
    assert served - MATRIX.keys() == set(), "add these URLs to the permission matrix"
    assert MATRIX.keys() - served == set(), "these matrix rows name no URL"


def _outcome(response) -> str:
    if response.status_code == 403:
        return DENIED
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    if response.status_code in (200, 302):
        return OK
    return f"unexpected {response.status_code}"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Files a row needs (evidence, reports) go to a temporary directory, never var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="module")
def matrix_world(module_transaction):
    """The world and a user per role, built once for the module (`module_transaction`): each
    case runs in a savepoint, so what a row creates and what a POST writes is undone before
    the next case, which finds the world as built."""
    world = World.build()
    return world, {role: world.user_for(role) for role in ROLES}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_permission_matrix(client, matrix_world, url_name, role):
    # given
    method, kwargs_for, data, expected = MATRIX[url_name]
    world, users = matrix_world
    user = users[role]
    if user is not None:
        client.force_login(user)
    url = reverse(url_name, kwargs=kwargs_for(world))
    # when
    response = getattr(client, method)(url, data) if method == "post" else client.get(url)
    # then
    assert _outcome(response) == expected[role]


@pytest.mark.django_db
def test_membership_end_denied_changes_nothing(client):
    # given a company member who is not staff of the mini cluster
    world = World.build()
    client.force_login(world.user_for("company_member"))
    url = reverse(
        "networks:membership_end",
        kwargs={"slug": world.mini_cluster.slug, "membership_id": world.membership.pk},
    )
    # when
    client.post(url, {"left_on": "2025-12-31"})
    # then
    world.membership.refresh_from_db()
    assert world.membership.left_on is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "allowed"), [("public", False), ("company_member", False), ("program_office", True)]
)
def test_admin_requires_staff(client, role, allowed):
    world = World.build()
    user = world.user_for(role)
    if user is not None:
        if allowed:
            user.is_staff = user.is_superuser = True
            user.save()
        client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert (response.status_code == 200) is allowed
