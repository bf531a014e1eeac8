"""Public pages for pan-regional zones and industrial complexes."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from clusterhub.core import downloads
from clusterhub.directory.selectors import organization_count_in_complex
from clusterhub.geography import selectors
from clusterhub.geography.downloads import COMPLEX_COLUMNS, ZONE_COLUMNS
from clusterhub.geography.models import Complex, Zone
from clusterhub.networks.selectors import mini_cluster_list


@require_safe
def zone_list(request: HttpRequest) -> HttpResponse:
    zones = selectors.zone_list()
    if request_format := downloads.requested_format(request):
        return downloads.list_download(request_format, "zones", ZONE_COLUMNS, zones)
    return render(request, "portal/places/zone_list.html", {"zones": zones})


@require_safe
def zone_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        zone = selectors.zone_detail(code=code)
    except Zone.DoesNotExist as exc:
        raise Http404 from exc
    context = {
        "zone": zone,
        "complexes": selectors.complex_list(zone_code=code),
        "mini_clusters": mini_cluster_list(zone_code=code),
    }
    return render(request, "portal/places/zone_detail.html", context)


@require_safe
def complex_list(request: HttpRequest) -> HttpResponse:
    zone_code = request.GET.get("zone", "")
    complexes = selectors.complex_list(zone_code=zone_code)
    if request_format := downloads.requested_format(request):
        return downloads.list_download(request_format, "complexes", COMPLEX_COLUMNS, complexes)
    context = {
        "complexes": complexes,
        "zones": selectors.zone_choices(),
        "zone_code": zone_code,
    }
    return render(request, "portal/places/complex_list.html", context)


@require_safe
def complex_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        complex_ = selectors.complex_detail(code=code)
    except Complex.DoesNotExist as exc:
        raise Http404 from exc
    context = {
        "complex": complex_,
        "mini_clusters": mini_cluster_list(hub_code=code),
        "organization_total": organization_count_in_complex(complex_=complex_),
    }
    return render(request, "portal/places/complex_detail.html", context)
