"""Public reads of the directory: organizations, exactly their `PUBLIC_FIELDS`.

`OrganizationOut` declares exactly `Organization.PUBLIC_FIELDS` (plus the `slug` that names
one), and tests/api/test_public_fields.py holds it to them, so a private field cannot slip in.
Related organizations are named by their codes: `zone`, `complex` and `industry`.
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from clusterhub.accounts.actors import ANONYMOUS_ACTOR
from clusterhub.api.conventions import LimitOffset
from clusterhub.api.problems import problems
from clusterhub.directory import policies
from clusterhub.directory import selectors as directory
from clusterhub.directory.filters import OrganizationFilter
from clusterhub.directory.models import CompanySize, OrganizationKind

router = Router(tags=["directory"])

# The identifier of an organization in the API, beside its public fields.
ORGANIZATION_KEY = "slug"


class OrganizationOut(Schema):
    slug: str
    name_ko: str
    name_en: str
    kind: str
    complex: str | None
    zone: str
    industry: str | None
    size: str
    founded_year: int | None
    website: str
    description_ko: str
    description_en: str
    is_demo: bool

    @staticmethod
    def resolve_complex(organization) -> str | None:
        return organization.complex.code if organization.complex_id else None

    @staticmethod
    def resolve_zone(organization) -> str:
        return organization.zone.code

    @staticmethod
    def resolve_industry(organization) -> str | None:
        return organization.industry.code if organization.industry_id else None


@router.get(
    "/organizations",
    response={200: list[OrganizationOut], **problems(422)},
    summary="Organizations (public fields), by Korean name; the directory's filters",
)
@paginate(LimitOffset)
def organization_list(
    request: HttpRequest,
    q: str = "",
    kind: OrganizationKind | None = None,
    zone: str = "",
    complex: str = "",
    industry: str = "",
    size: CompanySize | None = None,
):
    filters = {"q": q, "kind": kind, "zone": zone, "complex": complex}
    filters |= {"industry": industry, "size": size}
    filterset = OrganizationFilter(
        {name: value for name, value in filters.items() if value},
        queryset=directory.organization_list(),
    )
    if not filterset.is_valid():
        raise ValidationError(
            {field: " ".join(errors) for field, errors in filterset.errors.items()}
        )
    return filterset.qs


@router.get("/organizations/{slug}", response={200: OrganizationOut, **problems(404)})
def organization_detail(request: HttpRequest, slug: str):
    return policies.access_organization(ANONYMOUS_ACTOR, slug)
