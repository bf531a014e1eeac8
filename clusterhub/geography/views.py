"""Public pages for pan-regional zones and industrial complexes."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from clusterhub.directory.models import Organization
from clusterhub.geography import selectors
from clusterhub.geography.models import Complex, Zone
from clusterhub.networks.selectors import mini_cluster_list


@require_safe
def zone_list(request: HttpRequest) -> HttpResponse:
    return render(request, "geography/zone_list.html", {"zones": selectors.zone_list()})


@require_safe
def zone_detail(request: HttpRequest, code: str) -> HttpResponse:
    zone = get_object_or_404(Zone.objects.prefetch_related("specialized_industries"), code=code)
    context = {
        "zone": zone,
        "complexes": selectors.complex_list(zone_code=code),
        "mini_clusters": mini_cluster_list(zone_code=code),
    }
    return render(request, "geography/zone_detail.html", context)


@require_safe
def complex_list(request: HttpRequest) -> HttpResponse:
    zone_code = request.GET.get("zone", "")
    context = {
        "complexes": selectors.complex_list(zone_code=zone_code),
        "zones": Zone.objects.all(),
        "zone_code": zone_code,
    }
    return render(request, "geography/complex_list.html", context)


@require_safe
def complex_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        complex_ = selectors.complex_detail(code=code)
    except Complex.DoesNotExist as exc:
        raise Http404 from exc
    context = {
        "complex": complex_,
        "mini_clusters": mini_cluster_list(hub_code=code),
        "organization_total": Organization.objects.filter(complex=complex_).count(),
    }
    return render(request, "geography/complex_detail.html", context)
