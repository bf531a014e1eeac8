"""The organization directory: public search and profile, and the company's own edit page."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from clusterhub.accounts.actors import actor_for
from clusterhub.directory import policies, services
from clusterhub.directory.filters import OrganizationFilter
from clusterhub.directory.forms import OrganizationProfileForm
from clusterhub.directory.models import Organization
from clusterhub.networks.models import MiniClusterMembership

PAGE_SIZE = 25


@require_safe
def organization_list(request: HttpRequest) -> HttpResponse:
    queryset = Organization.objects.select_related("complex", "zone", "industry").order_by(
        "name_ko", "pk"
    )
    filterset = OrganizationFilter(request.GET or None, queryset=queryset)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": filterset, "page": page, "query": query.urlencode()}
    template = (
        "directory/partials/organization_results.html"
        if request.htmx
        else "directory/organization_list.html"
    )
    return render(request, template, context)


@require_safe
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        organization = Organization.objects.select_related(
            "complex", "zone", "industry__parent"
        ).get(slug=slug)
    except Organization.DoesNotExist as exc:
        raise Http404 from exc
    actor = actor_for(request.user)
    memberships = MiniClusterMembership.objects.filter(organization=organization).select_related(
        "mini_cluster__hub"
    )
    context = {
        "organization": organization,
        "memberships": memberships,
        "show_private": policies.organization_can_view_private(actor, organization),
        "can_edit": policies.organization_can_edit(actor, organization),
    }
    return render(request, "directory/organization_detail.html", context)


@require_http_methods(["GET", "POST"])
def organization_edit(request: HttpRequest, slug: str) -> HttpResponse:
    actor = actor_for(request.user)
    organization = policies.access_organization_for_edit(actor, slug)
    form = OrganizationProfileForm(
        request.POST or None, instance=Organization.objects.get(pk=organization.pk)
    )
    if request.method == "POST" and form.is_valid():
        services.organization_update_profile(
            actor=actor, organization=organization, **form.cleaned_data
        )
        messages.success(request, _("Profile saved."))
        return redirect(organization)
    return render(
        request, "directory/organization_form.html", {"form": form, "organization": organization}
    )
