"""Mini-cluster pages: the public mini-site and the staff pages that run it.

Views are thin: they ask the policy for the object, call one service, render.
"""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from clusterhub.accounts.actors import actor_for
from clusterhub.core import downloads
from clusterhub.core.forms import (
    form_add_validation_error,
    form_errors_text,
    validation_error_text,
)
from clusterhub.networks import policies, selectors, services
from clusterhub.networks.downloads import MEMBERSHIP_COLUMNS, MINI_CLUSTER_COLUMNS
from clusterhub.networks.forms import (
    ActivityForm,
    MembershipAddForm,
    MembershipEndForm,
    MiniClusterForm,
    SIGForm,
)


@require_safe
def mini_cluster_list(request: HttpRequest) -> HttpResponse:
    zone_code = request.GET.get("zone", "")
    mini_clusters = selectors.mini_cluster_list(zone_code=zone_code)
    if request_format := downloads.requested_format(request):
        return downloads.list_download(
            request_format, "mini-clusters", MINI_CLUSTER_COLUMNS, mini_clusters
        )
    context = {
        "mini_clusters": mini_clusters,
        "zones": selectors.zone_list_for_filter(),
        "zone_code": zone_code,
        "can_create": policies.mini_cluster_can_create(actor_for(request.user)),
    }
    return render(request, "networks/mini_cluster_list.html", context)


@require_safe
def mini_cluster_detail(request: HttpRequest, slug: str) -> HttpResponse:
    actor = actor_for(request.user)
    mini_cluster = policies.access_mini_cluster_for_view(actor, slug)
    context = {
        "mini_cluster": mini_cluster,
        "members": selectors.mini_cluster_current_members(mini_cluster=mini_cluster),
        "sigs": selectors.mini_cluster_sigs(mini_cluster=mini_cluster),
        "activities": selectors.activity_list(mini_cluster=mini_cluster),
        "activity_years": selectors.activity_summary_by_year(mini_cluster=mini_cluster),
        "can_manage": policies.mini_cluster_can_manage(actor, mini_cluster),
    }
    return render(request, "networks/mini_cluster_detail.html", context)


@require_http_methods(["GET", "POST"])
def mini_cluster_create(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not policies.mini_cluster_can_create(actor):
        raise PermissionDenied
    form = MiniClusterForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            mini_cluster = services.mini_cluster_create(actor=actor, **data)
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            messages.success(request, _("Mini cluster created."))
            return redirect(mini_cluster)
    return render(request, "networks/mini_cluster_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def mini_cluster_edit(request: HttpRequest, slug: str) -> HttpResponse:
    actor = actor_for(request.user)
    mini_cluster = policies.access_mini_cluster_for_manage(actor, slug)
    # The form edits its own copy: the service compares against the stored values.
    form = MiniClusterForm(request.POST or None, instance=copy.copy(mini_cluster), actor=actor)
    if request.method == "POST" and form.is_valid():
        try:
            services.mini_cluster_update(
                actor=actor, mini_cluster=mini_cluster, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            messages.success(request, _("Mini cluster saved."))
            return redirect(mini_cluster)
    return render(
        request,
        "networks/mini_cluster_form.html",
        {"form": form, "mini_cluster": mini_cluster},
    )


@require_http_methods(["GET", "POST"])
def sig_create(request: HttpRequest, slug: str) -> HttpResponse:
    actor = actor_for(request.user)
    mini_cluster = policies.access_mini_cluster_for_manage(actor, slug)
    form = SIGForm(request.POST or None, mini_cluster=mini_cluster)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        complexes = data.pop("complexes")
        try:
            services.sig_create(actor=actor, mini_cluster=mini_cluster, complexes=complexes, **data)
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            messages.success(request, _("Special interest group created."))
            return redirect(mini_cluster)
    return render(request, "networks/sig_form.html", {"form": form, "mini_cluster": mini_cluster})


@require_http_methods(["GET", "POST"])
def sig_edit(request: HttpRequest, slug: str, sig_slug: str) -> HttpResponse:
    actor = actor_for(request.user)
    sig = policies.access_sig_for_manage(actor, slug, sig_slug)
    mini_cluster = sig.mini_cluster
    form = SIGForm(request.POST or None, instance=sig, mini_cluster=mini_cluster)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        complexes = data.pop("complexes")
        try:
            services.sig_update(actor=actor, sig=sig, complexes=complexes, **data)
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            messages.success(request, _("Special interest group saved."))
            return redirect(mini_cluster)
    return render(
        request,
        "networks/sig_form.html",
        {"form": form, "mini_cluster": mini_cluster, "sig": sig},
    )


@require_http_methods(["GET", "POST"])
def membership_manage(request: HttpRequest, slug: str) -> HttpResponse:
    """Current and past members, a form to admit one, and a button to end each membership."""
    actor = actor_for(request.user)
    mini_cluster = policies.access_mini_cluster_for_manage(actor, slug)
    members = selectors.mini_cluster_current_members(mini_cluster=mini_cluster)
    if request.method == "GET" and (request_format := downloads.requested_format(request)):
        return downloads.list_download(
            request_format, f"{mini_cluster.slug}-members", MEMBERSHIP_COLUMNS, members
        )
    form = MembershipAddForm(request.POST or None, mini_cluster=mini_cluster)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_add(
                actor=actor, mini_cluster=mini_cluster, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            messages.success(
                request, _("%(name)s joined.") % {"name": membership.organization.name}
            )
            return redirect("networks:membership_manage", slug=mini_cluster.slug)
    context = {
        "mini_cluster": mini_cluster,
        "form": form,
        "members": members,
        "past_members": selectors.mini_cluster_past_members(mini_cluster=mini_cluster),
        "end_form": MembershipEndForm(),
    }
    return render(request, "networks/membership_manage.html", context)


@require_POST
def membership_end(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    actor = actor_for(request.user)
    membership = policies.access_membership_for_manage(actor, slug, membership_id)
    mini_cluster = membership.mini_cluster
    form = MembershipEndForm(request.POST)
    error_message = ""
    if form.is_valid():
        try:
            services.membership_end(
                actor=actor, membership=membership, left_on=form.cleaned_data["left_on"]
            )
        except ValidationError as error:
            error_message = validation_error_text(error)
    else:
        error_message = form_errors_text(form)
    if request.htmx:
        return render(
            request,
            "networks/partials/membership_row.html",
            {
                "membership": membership,
                "mini_cluster": mini_cluster,
                "end_form": form,
                "error_message": error_message,
            },
        )
    if error_message:
        messages.error(request, error_message)
    else:
        messages.success(request, _("Membership ended."))
    return redirect("networks:membership_manage", slug=mini_cluster.slug)


@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, slug: str) -> HttpResponse:
    actor = actor_for(request.user)
    mini_cluster = policies.access_mini_cluster_for_manage(actor, slug)
    form = ActivityForm(request.POST or None, mini_cluster=mini_cluster)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        attendees = data.pop("attendees")
        try:
            activity = services.activity_log(
                actor=actor,
                mini_cluster=mini_cluster,
                attendance=[services.AttendanceLine(organization=org) for org in attendees],
                **data,
            )
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            messages.success(request, _("Activity logged."))
            return redirect("networks:activity_detail", slug=mini_cluster.slug, pk=activity.pk)
    return render(
        request, "networks/activity_form.html", {"form": form, "mini_cluster": mini_cluster}
    )


@require_safe
def activity_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    activity = policies.access_activity_for_view(actor, slug, pk)
    mini_cluster = activity.mini_cluster
    context = {
        "mini_cluster": mini_cluster,
        "activity": activity,
        "attendances": selectors.activity_attendances(activity=activity),
        "total_attendance": selectors.activity_total_attendance(activity=activity),
        "can_manage": policies.mini_cluster_can_manage(actor, mini_cluster),
    }
    return render(request, "networks/activity_detail.html", context)
