"""The organization directory: public search and profile, and the company's own edit page."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from clusterhub.accounts.actors import actor_for
from clusterhub.directory import policies, selectors, services
from clusterhub.directory.filters import OrganizationFilter
from clusterhub.directory.forms import OrganizationProfileForm

PAGE_SIZE = 25


@require_safe
def organization_list(request: HttpRequest) -> HttpResponse:
    filterset = OrganizationFilter(request.GET or None, queryset=selectors.organization_list())
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
    actor = actor_for(request.user)
    organization = policies.access_organization(actor, slug)
    context = {
        "organization": organization,
        "memberships": selectors.organization_mini_cluster_memberships(organization=organization),
        "show_private": policies.organization_can_view_private(actor, organization),
        "can_edit": policies.organization_can_edit(actor, organization),
    }
    return render(request, "directory/organization_detail.html", context)


@require_http_methods(["GET", "POST"])
def organization_edit(request: HttpRequest, slug: str) -> HttpResponse:
    actor = actor_for(request.user)
    organization = policies.access_organization_for_edit(actor, slug)
    form = OrganizationProfileForm(
        request.POST or None,
        instance=selectors.organization_for_profile_form(organization=organization),
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
