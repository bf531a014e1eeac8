"""An evaluator's score of a qualitative indicator for one entity."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from clusterhub.accounts.actors import actor_for
from clusterhub.core.forms import form_add_validation_error
from clusterhub.evaluation import policies, selectors, services
from clusterhub.evaluation.forms import EvaluatorInputForm


@require_http_methods(["GET", "POST"])
def evaluator_input(request: HttpRequest, pk: int, entity_id: int) -> HttpResponse:
    """An evaluator's score of a qualitative indicator for one entity, with its evidence."""
    actor = actor_for(request.user)
    indicator, entity = policies.access_indicator_for_input(actor, pk, entity_id)
    system = indicator.system
    entered = selectors.evaluator_input(indicator=indicator, entity_id=entity_id)
    initial = (
        {"score": entered.score, "evidence": entered.evidence, "comment": entered.comment}
        if entered
        else None
    )
    form = EvaluatorInputForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluator_input_save(
                actor=actor,
                indicator=indicator,
                entity_id=entity_id,
                score=form.cleaned_data["score"],
                evidence=form.cleaned_data["evidence"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            messages.success(
                request,
                _("Score saved. Scorecards show it after the next recomputation of %(year)s.")
                % {"year": system.year},
            )
            scorecard = selectors.scorecard_for(system=system, entity_id=entity_id)
            if scorecard is not None:
                return redirect(scorecard.get_absolute_url())
            return redirect(request.path)
    return render(
        request,
        "evaluation/evaluator_input.html",
        {
            "indicator": indicator,
            "system": system,
            "entity": entity,
            "entered": entered,
            "form": form,
            "scorecard": selectors.scorecard_for(system=system, entity_id=entity_id),
        },
    )
