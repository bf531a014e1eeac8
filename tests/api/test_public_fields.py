"""Public endpoints never show a private field.

The organization schema is exactly `Organization.PUBLIC_FIELDS` (plus the slug that names
it); no public schema has a property named like a private field of the directory; and the
private values of a real organization and person appear in no public answer.
"""

from decimal import Decimal

import pytest

from clusterhub.api.endpoints.directory import ORGANIZATION_KEY, OrganizationOut
from clusterhub.api.main import api
from clusterhub.directory.models import Organization
from clusterhub.statistics.models import Kind, Observation
from tests import factories as f
from tests.api.conftest import API
from tests.api.test_api_matrix import PUBLIC, ROWS
from tests.matrix_support import World

PUBLIC_OPERATIONS = sorted(op for op, (_a, _b, expected) in ROWS.items() if expected == PUBLIC)
# What the directory keeps private: an organization's and a person's contact and figures.
PRIVATE_NAMES = set(Organization.PRIVATE_FIELDS) | {"email", "phone"}


def test_the_organization_schema_is_exactly_the_public_fields():
    assert set(OrganizationOut.model_fields) == {*Organization.PUBLIC_FIELDS, ORGANIZATION_KEY}


def _properties(schema, components, seen=None):
    """Every property name reachable from a JSON schema (following `$ref`s)."""
    seen = set() if seen is None else seen
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if ref and ref not in seen:
            seen.add(ref)
            yield from _properties(components[ref.rsplit("/", 1)[-1]], components, seen)
        for name, value in schema.get("properties", {}).items():
            yield name
            yield from _properties(value, components, seen)
        for key in ("items", "anyOf", "allOf", "oneOf"):
            value = schema.get(key)
            for part in value if isinstance(value, list) else [value] if value else []:
                yield from _properties(part, components, seen)


@pytest.mark.parametrize("operation", PUBLIC_OPERATIONS, ids=lambda op: op[1])
def test_no_public_schema_names_a_private_field(operation):
    # given the OpenAPI schema of a public read
    openapi = api.get_openapi_schema()
    components = openapi["components"]["schemas"]
    method, path = operation
    response = openapi["paths"][API + path][method]["responses"][200]
    schema = response["content"]["application/json"]["schema"]
    # then none of its properties is a private field
    assert set(_properties(schema, components)) & PRIVATE_NAMES == set()


@pytest.mark.django_db
def test_no_public_answer_shows_a_private_value(client):
    # given an organization and a person with private contact details and figures
    world = World.build()
    Organization.objects.filter(pk=world.organization.pk).update(
        email="private-org@example.com",
        phone="010-9999-0001",
        address="Secret street 9",
        employees=4321,
        annual_sales_eok="8765.4",
    )
    coordinator = f.PersonFactory(email="private-person@example.com", phone="010-9999-0002")
    world.mini_cluster.coordinator = coordinator
    world.mini_cluster.save()
    # when every public endpoint is read
    bodies = []
    for method, path in PUBLIC_OPERATIONS:
        arguments_for, _body, _expected = ROWS[(method, path)]
        arguments = arguments_for(world)
        response = client.get(API + path.format(**arguments))
        assert response.status_code == 200
        bodies.append(response.content.decode())
    # then none shows a private value
    text = "\n".join(bodies)
    for secret in (
        "private-org@",
        "010-9999",
        "Secret street",
        "4321",
        "8765.4",
        "private-person@",
    ):
        assert secret not in text


@pytest.mark.django_db
def test_decimals_are_strings_and_dates_iso(client):
    # given an observation with a decimal value and an activity on a date
    world = World.build()
    Observation.objects.create(
        table=world.source_table,
        source_row=2,
        row_label="Changwon",
        column_label="2010",
        value=Decimal("12.5"),
        printed="12.5",
        unit="%",
        kind=Kind.ACTUAL,
    )
    # when both are read
    observations = client.get(f"{API}/statistics/observations").json()["items"]
    activities = client.get(f"{API}/mini-clusters/{world.mini_cluster.slug}/activities").json()
    # then the decimal is a string with every digit and the date is ISO 8601
    assert observations[0]["value"] == "12.500000"
    assert activities["items"][0]["held_on"] == world.activity.held_on.isoformat()
