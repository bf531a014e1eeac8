"""Index systems: the list, one system's indicator tree, and the program office's editing of
a draft (drafting from an earlier year, indicators, publishing).

Every change fetches the system (or the indicator with its system) locked, in the same
transaction as the service's write, so a system cannot be published between the check that
it is a draft and the change to it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from clusterhub.accounts.actors import Actor, actor_for
from clusterhub.core.forms import form_add_validation_error
from clusterhub.evaluation import policies, selectors, services
from clusterhub.evaluation.forms import IndicatorForm, SystemDraftForm
from clusterhub.evaluation.models import IndexSystem, Indicator
from clusterhub.evaluation.views.section import viewer
from clusterhub.evaluation.weights import weight_problems


@require_safe
def system_list(request: HttpRequest) -> HttpResponse:
    """Every index system, newest year first."""
    actor = viewer(request)
    return render(
        request,
        "evaluation/system_list.html",
        {
            "systems": selectors.index_systems(),
            "can_manage": policies.evaluation_can_manage(actor),
        },
    )


def _system_page(
    request: HttpRequest,
    actor: Actor,
    system: IndexSystem,
    *,
    draft_form: SystemDraftForm | None = None,
    publish_errors: list[str] | None = None,
) -> HttpResponse:
    indicators = selectors.system_indicators(system)
    can_manage = policies.evaluation_can_manage(actor)
    return render(
        request,
        "evaluation/system_detail.html",
        {
            "system": system,
            "nodes": selectors.tree_order(indicators),
            "problems": weight_problems(indicators) if system.is_draft else [],
            "can_manage": can_manage,
            "can_edit": can_manage and system.is_draft,
            "draft_form": draft_form
            or (SystemDraftForm(initial={"year": system.year + 1}) if can_manage else None),
            "publish_errors": publish_errors or [],
        },
    )


@require_safe
def system_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The indicator tree with weights, rules and metrics; for the program office, editing."""
    actor = actor_for(request.user)
    return _system_page(request, actor, policies.access_index_system(actor, pk))


@require_POST
def system_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft a system for another year from this one (tree, weights, rules and lineage)."""
    actor = actor_for(request.user)
    form = SystemDraftForm(request.POST)
    with transaction.atomic():
        source = policies.access_index_system(actor, pk, for_write=True)
        if form.is_valid():
            try:
                draft = services.index_system_draft_from(
                    actor=actor, source=source, year=form.cleaned_data["year"]
                )
            except ValidationError as error:
                form_add_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _("Draft for %(year)s created from %(source)s.")
                    % {"year": draft.year, "source": source.name},
                )
                return redirect(draft.get_absolute_url())
    return _system_page(request, actor, source, draft_form=form)


@require_POST
def system_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish a draft whose weights add up; otherwise list every problem on the page."""
    actor = actor_for(request.user)
    with transaction.atomic():
        system = policies.access_index_system(actor, pk, for_write=True)
        try:
            services.index_system_publish(actor=actor, system=system)
        except ValidationError as error:
            return _system_page(request, actor, system, publish_errors=error.messages)
    messages.success(request, _("The index system is published."))
    return redirect(system.get_absolute_url())


def _indicator_page(
    request: HttpRequest, actor: Actor, system: IndexSystem, indicator: Indicator | None
) -> HttpResponse:
    if not system.is_draft:
        messages.error(
            request,
            _("A published index system cannot change; draft next year's system instead."),
        )
        return redirect(system.get_absolute_url())
    form = IndicatorForm(request.POST or None, instance=indicator, system=system)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.indicator_save(actor=actor, indicator=form.save(commit=False))
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            messages.success(request, _("Indicator %(code)s saved.") % {"code": saved.code})
            return redirect(system.get_absolute_url())
    return render(
        request,
        "evaluation/indicator_form.html",
        {"system": system, "indicator": indicator, "form": form},
    )


@require_http_methods(["GET", "POST"])
def indicator_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A new node of a draft system."""
    actor = actor_for(request.user)
    with transaction.atomic():
        system = policies.access_index_system(actor, pk, for_write=True)
        return _indicator_page(request, actor, system, None)


@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A node of a draft system: its place in the tree, weight, rule and metric."""
    actor = actor_for(request.user)
    with transaction.atomic():
        indicator = policies.access_indicator(actor, pk, for_write=True)
        return _indicator_page(request, actor, indicator.system, indicator)


@require_POST
def indicator_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a node of a draft (a group with everything under it)."""
    actor = actor_for(request.user)
    with transaction.atomic():
        indicator = policies.access_indicator(actor, pk, for_write=True)
        system = indicator.system
        code = indicator.code
        try:
            services.indicator_delete(actor=actor, indicator=indicator)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Indicator %(code)s deleted.") % {"code": code})
    return redirect(system.get_absolute_url())
