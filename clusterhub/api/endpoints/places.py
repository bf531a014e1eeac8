"""Public reads of the program's places and industries: zones, complexes with their
hub → connected links, and the industry taxonomy."""

from decimal import Decimal

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from clusterhub.api.conventions import LimitOffset
from clusterhub.api.problems import problems
from clusterhub.geography import selectors as geography
from clusterhub.geography.models import Complex, Zone
from clusterhub.industries import selectors as industries

router = Router(tags=["places"])


class ZoneOut(Schema):
    code: str
    name_ko: str
    name_en: str
    position: int
    provinces_ko: str
    provinces_en: str
    vision_ko: str
    vision_en: str
    specialized_industries: list[str]
    hub_count: int
    complex_count: int
    source: str

    @staticmethod
    def resolve_specialized_industries(zone: Zone) -> list[str]:
        return [industry.code for industry in zone.specialized_industries.all()]


class ComplexOut(Schema):
    code: str
    name_ko: str
    name_en: str
    zone: str
    complex_type: str
    is_hub: bool
    program_phase: str
    city_ko: str
    city_en: str
    latitude: Decimal | None
    longitude: Decimal | None
    specialized_industries: list[str]
    source: str

    @staticmethod
    def resolve_zone(complex_: Complex) -> str:
        return complex_.zone.code

    @staticmethod
    def resolve_specialized_industries(complex_: Complex) -> list[str]:
        return [industry.code for industry in complex_.specialized_industries.all()]


class ComplexDetailOut(ComplexOut):
    """A complex with its links: a hub's connected complexes, a connected complex's hubs."""

    connected_complexes: list[str]
    hubs: list[str]

    @staticmethod
    def resolve_connected_complexes(complex_: Complex) -> list[str]:
        return [linked.code for linked in complex_.connected_complexes.all()]

    @staticmethod
    def resolve_hubs(complex_: Complex) -> list[str]:
        return [hub.code for hub in complex_.hubs.all()]


class IndustryOut(Schema):
    code: str
    name_ko: str
    name_en: str
    parent: str | None
    position: int

    @staticmethod
    def resolve_parent(industry) -> str | None:
        return industry.parent.code if industry.parent_id else None


@router.get("/zones", response=list[ZoneOut], summary="The pan-regional zones, in their order")
@paginate(LimitOffset)
def zone_list(request: HttpRequest):
    return geography.zone_list()


@router.get("/zones/{code}", response={200: ZoneOut, **problems(404)})
def zone_detail(request: HttpRequest, code: str):
    try:
        return geography.zone_with_counts(code=code)
    except Zone.DoesNotExist as exc:
        raise Http404 from exc


@router.get(
    "/complexes",
    response=list[ComplexOut],
    summary="Industrial complexes, by zone, hubs first, then by code",
)
@paginate(LimitOffset)
def complex_list(request: HttpRequest, zone: str = "", hubs_only: bool = False):
    return geography.complex_list(zone_code=zone, hubs_only=hubs_only)


@router.get("/complexes/{code}", response={200: ComplexDetailOut, **problems(404)})
def complex_detail(request: HttpRequest, code: str):
    try:
        return geography.complex_detail(code=code)
    except Complex.DoesNotExist as exc:
        raise Http404 from exc


@router.get("/industries", response=list[IndustryOut], summary="The industry taxonomy, by code")
@paginate(LimitOffset)
def industry_list(request: HttpRequest, parent: str = ""):
    return industries.industry_list(parent_code=parent)
