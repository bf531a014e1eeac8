"""Committee pages: staff run rounds; committee members review what they are assigned.

Views are thin: they ask the policy for the object, call one service, render.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from clusterhub.accounts.actors import Actor, actor_for
from clusterhub.core import downloads
from clusterhub.core.access import login_required_for_page
from clusterhub.core.forms import form_add_validation_error, validation_error_text
from clusterhub.pipeline.selectors import application_participants
from clusterhub.review import policies, scoring, selectors, services
from clusterhub.review.downloads import ROUND_COLUMNS
from clusterhub.review.forms import (
    ApplicationAddForm,
    AssignForm,
    MemberAddForm,
    ReviewForm,
    RoundForm,
)
from clusterhub.review.models import Assignment, CommitteeRound

# ---------------------------------------------------------------- staff pages


@require_safe
def round_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not policies.round_can_create(actor):
        raise PermissionDenied
    rounds = selectors.round_list(actor=actor)
    if request_format := downloads.requested_format(request):
        return downloads.list_download(request_format, "committee-rounds", ROUND_COLUMNS, rounds)
    return render(request, "review/round_list.html", {"rounds": rounds})


@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not policies.round_can_create(actor):
        raise PermissionDenied
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            committee_round = services.round_create(actor=actor, **form.cleaned_data)
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            messages.success(request, _("Committee round created."))
            return redirect(committee_round)
    return render(request, "review/round_form.html", {"form": form})


def _render_round_detail(
    request: HttpRequest, actor: Actor, committee_round: CommitteeRound, **forms
) -> HttpResponse:
    context = {
        "round": committee_round,
        "criteria": selectors.rubric_criteria(rubric=committee_round.rubric),
        "members": selectors.round_members(round=committee_round),
        "board": selectors.round_board(round=committee_round),
        "results": scoring.round_results(round=committee_round),
        "member_form": forms.get("member_form") or MemberAddForm(round=committee_round),
        "application_form": forms.get("application_form")
        or ApplicationAddForm(actor=actor, round=committee_round),
        "action_error": forms.get("action_error", ""),
    }
    return render(request, "review/round_detail.html", context)


@require_safe
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    committee_round = policies.access_round_for_manage(actor, pk)
    return _render_round_detail(request, actor, committee_round)


@require_POST
def round_add_member(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    committee_round = policies.access_round_for_manage(actor, pk)
    form = MemberAddForm(request.POST, round=committee_round)
    if form.is_valid():
        try:
            member = services.round_add_member(
                actor=actor, round=committee_round, expert=form.cleaned_data["expert"]
            )
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            messages.success(request, _("%(name)s joined the committee.") % {"name": member})
            return redirect(committee_round)
    return _render_round_detail(request, actor, committee_round, member_form=form)


@require_POST
def round_add_applications(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    committee_round = policies.access_round_for_manage(actor, pk)
    form = ApplicationAddForm(request.POST, actor=actor, round=committee_round)
    if form.is_valid():
        try:
            entries = services.round_add_applications(
                actor=actor, round=committee_round, applications=form.cleaned_data["applications"]
            )
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            messages.success(request, _("Applications added: %(count)s.") % {"count": len(entries)})
            return redirect(committee_round)
    return _render_round_detail(request, actor, committee_round, application_form=form)


def _round_action(request: HttpRequest, pk: int, run) -> HttpResponse:
    """Run a one-button action on a round, report its outcome, back to the round."""
    actor = actor_for(request.user)
    committee_round = policies.access_round_for_manage(actor, pk)
    try:
        message = run(actor, committee_round)
    except ValidationError as error:
        messages.error(request, validation_error_text(error))
    else:
        messages.success(request, message)
    return redirect(committee_round)


@require_POST
def round_detect_conflicts(request: HttpRequest, pk: int) -> HttpResponse:
    def run(actor, committee_round):
        found = services.round_detect_conflicts(actor=actor, round=committee_round)
        return _("Conflicts of interest found: %(count)s. The members concerned are recused.") % {
            "count": len(found)
        }

    return _round_action(request, pk, run)


@require_POST
def round_assign(request: HttpRequest, pk: int) -> HttpResponse:
    def run(actor, committee_round):
        form = AssignForm(request.POST, round=committee_round)
        if not form.is_valid():
            raise ValidationError(_("Only applications of this round can be assigned."))
        chosen = form.cleaned_data["applications"]
        created = services.round_assign(
            actor=actor, round=committee_round, applications=chosen or None
        )
        return _("New assignments: %(count)s. The reviewers were notified.") % {
            "count": len(created)
        }

    return _round_action(request, pk, run)


@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    def run(actor, committee_round):
        services.round_close(actor=actor, round=committee_round)
        return _("The round is closed.")

    return _round_action(request, pk, run)


# ---------------------------------------------------------------- reviewer pages


@require_safe
@login_required_for_page
def my_reviews(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    return render(
        request,
        "review/my_reviews.html",
        {"assignments": selectors.reviewer_assignments(actor=actor)},
    )


def _review_context(assignment: Assignment, form: ReviewForm, **extra) -> dict:
    review = getattr(assignment, "review", None)
    editable = assignment.round.is_open and not (review is not None and review.is_submitted)
    return {
        "assignment": assignment,
        "application": assignment.application,
        "participants": application_participants(application=assignment.application),
        "review": review,
        "form": form,
        "editable": editable,
        "changed_review": None,
        "saved": False,
        **extra,
    }


@require_http_methods(["GET", "POST"])
def review_edit(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """The review form of one assignment; with htmx, saving swaps only the form."""
    actor = actor_for(request.user)
    assignment = policies.access_assignment_for_review(actor, assignment_id)
    criteria = selectors.rubric_criteria(rubric=assignment.round.rubric)
    review = getattr(assignment, "review", None)
    form = ReviewForm(request.POST or None, criteria=criteria, review=review)
    extra = {}
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        write = services.review_submit if submit else services.review_save
        try:
            review = write(
                actor=actor,
                assignment=assignment,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                version=form.cleaned_data["version"],
            )
        except services.ReviewChangedError as error:
            # Keep everything the reviewer typed; take the saved version so that saving
            # again, after comparing, is a deliberate choice.
            data = request.POST.copy()
            data["version"] = str(error.current_version)
            form = ReviewForm(data, criteria=criteria, review=error.current)
            form.is_valid()
            form.add_error(None, error)
            extra["changed_review"] = error.current
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            assignment.review = review
            if submit:
                messages.success(request, _("Review submitted."))
                if request.htmx:
                    return HttpResponseClientRedirect(assignment.get_absolute_url())
                return redirect("review:my_reviews")
            if not request.htmx:
                messages.success(request, _("Review saved."))
                return redirect(assignment.get_absolute_url())
            form = ReviewForm(criteria=criteria, review=review)
            extra["saved"] = True
    context = _review_context(assignment, form, **extra)
    if request.htmx:
        return render(request, "review/partials/review_form.html", context)
    return render(request, "review/review_form.html", context)
