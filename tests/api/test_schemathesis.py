"""Schemathesis against the API's own OpenAPI schema, in process (WSGI, no server).

Every operation is called with generated input, by the visitor (no token) and with a token
for each role of the permission matrix, on the matrix's world; every answer must be free of
server errors and conform to the schema (its status, content type and body). The examples
are bounded so the whole runs in under a minute.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from clusterhub.api.main import api
from tests.api.conftest import token_for
from tests.matrix_support import ROLES, World

OPENAPI = api.get_openapi_schema()
schema = schemathesis.openapi.from_dict(OPENAPI)
schema.app = get_wsgi_application()
# The operations that need a token: called with each role's. A public read answers a token
# as it answers the visitor (tests/api/test_api_matrix.py shows it), so it is called once.
SIGNED_OPERATIONS = [
    operation["operationId"]
    for operations in OPENAPI["paths"].values()
    for operation in operations.values()
    if {} not in operation.get("security", [])
]
signed = schema.include(operation_id=SIGNED_OPERATIONS)
SIGNED_ROLES = [role for role in ROLES if role != "public"]
# Bounded so the module runs in under a minute; `database=None`: no example database in
# the repository, so every run draws the same way from the seed `derandomize` fixes.
BOUNDS = {
    "deadline": None,
    "suppress_health_check": list(HealthCheck),
    "database": None,
    "derandomize": True,
}

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Called through WSGI rather than Django's test client, a request would close the
    database connection when it finishes (`close_old_connections`), and the test's
    transaction with it (PostgreSQL: "the connection is closed"). Django's test client
    disconnects the handler in the same way for the requests it makes."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def tokens(module_transaction):
    """The matrix's world (so generated calls find real records too) and a token per role."""
    world = World.build()
    users = {role: world.user_for(role) for role in ROLES}
    return {role: token_for(user) for role, user in users.items() if user is not None}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=6, **BOUNDS)
def test_the_api_conforms_to_its_schema_for_the_visitor(case, tokens):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
@pytest.mark.parametrize("role", SIGNED_ROLES)
@signed.parametrize()
@settings(max_examples=2, **BOUNDS)
def test_the_signed_api_conforms_to_its_schema_for_every_role(case, role, tokens):
    case.call_and_validate(headers={"Authorization": f"Bearer {tokens[role]}"}, checks=CHECKS)
