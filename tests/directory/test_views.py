"""The directory pages: public fields only, search, the company's own edit page."""

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_public_sees_public_fields_only(client):
    # given
    # (a head count no factory sequence reaches, so it can only appear as the private field)
    organization = f.OrganizationFactory(phone="062-123-4567", employees=86_421)
    # when
    response = client.get(organization.get_absolute_url())
    # then
    body = response.content.decode()
    assert organization.name_ko in body
    assert "062-123-4567" not in body
    assert "86421" not in body
    assert "86,421" not in body


def test_a_company_member_sees_their_own_private_fields(client):
    organization = f.OrganizationFactory(phone="062-123-4567")
    client.force_login(f.CompanyMemberFactory(organization=organization))
    assert "062-123-4567" in client.get(organization.get_absolute_url()).content.decode()


def test_search_matches_either_language_and_filters_by_zone(client):
    # given
    hanbit = f.OrganizationFactory(name_ko="(주)한빛광전", name_en="Hanbit Optoelectronics")
    f.OrganizationFactory(name_ko="(주)누리정밀", name_en="Nuri Precision")
    url = reverse("directory:organization_list")
    # when / then
    assert hanbit.name_ko in client.get(url, {"q": "한빛"}).content.decode()
    body = client.get(url, {"q": "hanbit"}).content.decode()
    assert hanbit.name_ko in body
    assert "누리정밀" not in body
    body = client.get(url, {"zone": hanbit.zone.code}).content.decode()
    assert hanbit.name_ko in body
    assert "누리정밀" not in body


def test_an_unknown_filter_value_is_reported_not_crashing(client):
    response = client.get(reverse("directory:organization_list"), {"zone": "atlantis"})
    assert response.status_code == 200
    assert "atlantis" in response.content.decode()


def test_htmx_search_returns_only_the_results_partial(client):
    f.OrganizationFactory(name_ko="(주)한빛광전", name_en="Hanbit Optoelectronics")
    f.OrganizationFactory(name_ko="(주)누리정밀", name_en="Nuri Precision")
    response = client.get(
        reverse("directory:organization_list"), {"q": "Hanbit"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "<html" not in body
    assert "(주)한빛광전" in body
    assert "(주)누리정밀" not in body


def test_a_company_edits_its_profile_and_the_change_is_traced(client):
    # given
    organization = f.OrganizationFactory(employees=10)
    user = f.CompanyMemberFactory(organization=organization)
    client.force_login(user)
    url = reverse("directory:organization_edit", kwargs={"slug": organization.slug})
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(employees=25, industry="", website="example.org")
    # when
    response = client.post(url, data)
    # then
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.employees == 25
    assert organization.website == "https://example.org"
    latest = organization.history.first()
    assert latest.history_user == user
    assert latest.history_change_reason == "organization_update_profile"


def test_invalid_profile_input_names_the_field_and_keeps_the_entry(client):
    organization = f.OrganizationFactory()
    client.force_login(f.CompanyMemberFactory(organization=organization))
    url = reverse("directory:organization_edit", kwargs={"slug": organization.slug})
    response = client.post(
        url, {"name_ko": "새 이름", "name_en": "", "size": "small_medium", "employees": "many"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {"name_en", "employees"}
    assert "새 이름" in response.content.decode()
    organization.refresh_from_db()
    assert organization.name_ko != "새 이름"


@pytest.mark.parametrize("rows", [3, 30])
def test_directory_list_queries_do_not_grow_with_rows(client, django_assert_max_num_queries, rows):
    for _ in range(rows):
        f.OrganizationFactory()
    with django_assert_max_num_queries(8):
        client.get(reverse("directory:organization_list"))
