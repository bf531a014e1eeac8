"""Survey pages: the list, the builder, opening and closing, results, and the respondent's page.

Views are thin: they ask `policies` for the object, call one selector or service, render.
The respondent's page needs no login: the token in its address is the credential.
"""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from clusterhub.accounts.actors import actor_for
from clusterhub.core import downloads
from clusterhub.core.forms import form_add_validation_error, validation_error_text
from clusterhub.surveys import policies, selectors, services
from clusterhub.surveys.downloads import SURVEY_COLUMNS
from clusterhub.surveys.forms import QuestionForm, ResponseForm, SurveyFilterForm, SurveyForm
from clusterhub.surveys.models import Survey

SURVEYS_PER_PAGE = 25


def _survey_fields(form: SurveyForm) -> dict:
    return {name: form.cleaned_data.get(name) for name in services.SURVEY_FIELDS}


def _question_fields(form: QuestionForm) -> dict:
    return {name: form.cleaned_data[name] for name in services.QUESTION_FIELDS}


# ---------------------------------------------------------------- list and create


@require_safe
def survey_list(request: HttpRequest) -> HttpResponse:
    """The surveys the actor manages, by year and status."""
    actor = actor_for(request.user)
    if not policies.survey_list_can_view(actor):
        raise PermissionDenied
    scope = policies.survey_scope(actor)
    filters = SurveyFilterForm(request.GET or None, years=selectors.survey_years(scope=scope))
    year = status = None
    if filters.is_valid():
        year, status = filters.cleaned_data["year"], filters.cleaned_data["status"]
    surveys = selectors.survey_list(scope=scope, year=year, status=status)
    if request_format := downloads.requested_format(request):
        return downloads.list_download(request_format, "surveys", SURVEY_COLUMNS, surveys)
    page = Paginator(surveys, SURVEYS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/survey_list.html",
        {"page": page, "filters": filters, "can_create": policies.survey_can_create(actor)},
    )


@require_http_methods(["GET", "POST"])
def survey_create(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not policies.survey_can_create(actor):
        raise PermissionDenied
    form = SurveyForm(
        request.POST or None,
        actor=actor,
        initial={"year": timezone.localdate().year, "audience_companies": True},
    )
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(actor=actor, **_survey_fields(form))
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            messages.success(request, _("Survey created. Add its questions, then open it."))
            return redirect("surveys:survey_detail", pk=survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form, "survey": None})


# ---------------------------------------------------------------- the builder


def _question_list_context(
    survey: Survey, add_form=None, *, editing=None, edit_form=None, error_message=""
) -> dict:
    """The question list; `editing` (a question id) shows that row as `edit_form`."""
    return {
        "survey": survey,
        "questions": selectors.survey_questions(survey=survey),
        "add_form": add_form if add_form is not None else QuestionForm(prefix="new"),
        "editing": editing,
        "edit_form": edit_form,
        "error_message": error_message,
    }


def _detail_context(survey: Survey, add_form=None) -> dict:
    context = _question_list_context(survey, add_form)
    if survey.is_draft:
        invitees = selectors.survey_invitees(survey=survey, today=timezone.localdate())
        context["invitee_counts"] = selectors.invitee_counts(invitees)
        context["open_problems"] = services.survey_open_problems(
            survey=survey, invitees=invitees, question_count=len(context["questions"])
        )
    else:
        context["rates"] = selectors.response_rates(survey=survey)
    return context


@require_safe
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A survey's builder while it is a draft; its summary and response rate after."""
    actor = actor_for(request.user)
    survey = policies.access_survey_for_manage(actor, pk)
    return render(request, "surveys/survey_detail.html", _detail_context(survey))


@require_http_methods(["GET", "POST"])
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    survey = policies.access_survey_for_manage(actor, pk)
    if not survey.is_draft:
        messages.error(request, _("Only a draft survey can be changed."))
        return redirect("surveys:survey_detail", pk=survey.pk)
    # The form edits its own copy: the service compares against the stored survey.
    form = SurveyForm(request.POST or None, actor=actor, instance=copy.copy(survey))
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(actor=actor, survey=survey, **_survey_fields(form))
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            messages.success(request, _("Survey saved."))
            return redirect("surveys:survey_detail", pk=survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form, "survey": survey})


def _question_list_response(request, survey, *, add_form=None, error_message="") -> HttpResponse:
    """The question list again (htmx), or back to the builder with a message."""
    if request.htmx:
        return render(
            request,
            "surveys/partials/question_list.html",
            _question_list_context(survey, add_form, error_message=error_message),
        )
    if error_message:
        messages.error(request, error_message)
    return redirect("surveys:survey_detail", pk=survey.pk)


@require_POST
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    survey = policies.access_survey_for_manage(actor, pk)
    form = QuestionForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            services.question_add(actor=actor, survey=survey, **_question_fields(form))
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            return _question_list_response(request, survey)
    if request.htmx:
        return _question_list_response(request, survey, add_form=form)
    return render(request, "surveys/survey_detail.html", _detail_context(survey, form))


@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    """Reword a question; htmx swaps its row for the form, and back."""
    actor = actor_for(request.user)
    question = policies.access_question_for_manage(actor, pk, question_id)
    survey = question.survey
    form = QuestionForm(
        request.POST or None,
        instance=copy.copy(question),
        prefix=f"q{question.pk}",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(actor=actor, question=question, **_question_fields(form))
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            return _question_list_response(request, survey)
    if request.htmx and request.method == "POST":
        # The whole list again, this row still as the form with its errors.
        return render(
            request,
            "surveys/partials/question_list.html",
            _question_list_context(survey, editing=question.pk, edit_form=form),
        )
    template = (
        "surveys/partials/question_form.html" if request.htmx else "surveys/question_form.html"
    )
    return render(request, template, {"survey": survey, "question": question, "form": form})


def _question_action(request: HttpRequest, pk: int, question_id: int, act) -> HttpResponse:
    actor = actor_for(request.user)
    question = policies.access_question_for_manage(actor, pk, question_id)
    survey = question.survey
    try:
        act(actor, question)
    except ValidationError as error:
        return _question_list_response(request, survey, error_message=validation_error_text(error))
    return _question_list_response(request, survey)


@require_POST
def question_remove(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    return _question_action(
        request,
        pk,
        question_id,
        lambda actor, question: services.question_remove(actor=actor, question=question),
    )


@require_POST
def question_move(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    direction = "up" if request.POST.get("direction") == "up" else "down"
    return _question_action(
        request,
        pk,
        question_id,
        lambda actor, question: services.question_move(
            actor=actor, question=question, direction=direction
        ),
    )


# ---------------------------------------------------------------- opening and closing


@require_http_methods(["GET", "POST"])
def survey_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then send the invitations."""
    actor = actor_for(request.user)
    survey = policies.access_survey_for_manage(actor, pk)
    if request.method == "POST":
        try:
            opened = services.survey_open(actor=actor, survey=survey)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("surveys:survey_detail", pk=survey.pk)
        messages.success(
            request,
            ngettext(
                "The survey is open: %(invited)s person invited (%(notified)s in the app and "
                "by e-mail, %(emailed)s by e-mail only, %(unreachable)s without an account or "
                "an e-mail address).",
                "The survey is open: %(invited)s people invited (%(notified)s in the app and "
                "by e-mail, %(emailed)s by e-mail only, %(unreachable)s without an account or "
                "an e-mail address).",
                opened.invited,
            )
            % {
                "invited": opened.invited,
                "notified": opened.notified,
                "emailed": opened.emailed,
                "unreachable": opened.unreachable,
            },
        )
        return redirect("surveys:survey_detail", pk=survey.pk)
    if not survey.is_draft:
        return redirect("surveys:survey_detail", pk=survey.pk)
    questions = selectors.survey_questions(survey=survey)
    invitees = selectors.survey_invitees(survey=survey, today=timezone.localdate())
    return render(
        request,
        "surveys/survey_confirm.html",
        {
            "survey": survey,
            "action": "open",
            "question_count": len(questions),
            "invitee_counts": selectors.invitee_counts(invitees),
            "problems": services.survey_open_problems(
                survey=survey, invitees=invitees, question_count=len(questions)
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def survey_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then stop accepting answers."""
    actor = actor_for(request.user)
    survey = policies.access_survey_for_manage(actor, pk)
    if request.method == "POST":
        try:
            services.survey_close(actor=actor, survey=survey)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The survey is closed."))
        return redirect("surveys:survey_detail", pk=survey.pk)
    if not survey.is_open:
        return redirect("surveys:survey_detail", pk=survey.pk)
    return render(
        request,
        "surveys/survey_confirm.html",
        {"survey": survey, "action": "close", "rates": selectors.response_rates(survey=survey)},
    )


# ---------------------------------------------------------------- results


@require_safe
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    """Response rates per audience, each question's ratings and texts, the score."""
    actor = actor_for(request.user)
    survey = policies.access_survey_for_manage(actor, pk)
    if not policies.survey_results_can_view(actor, survey):
        raise PermissionDenied
    results = selectors.question_results(survey=survey)
    return render(
        request,
        "surveys/survey_results.html",
        {
            "survey": survey,
            "rates": selectors.response_rates(survey=survey),
            "results": results,
            "chart": selectors.results_chart(results),
            "score": selectors.survey_score(survey=survey),
        },
    )


# ---------------------------------------------------------------- respondents


@never_cache
@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, token: str) -> HttpResponse:
    """The respondent's page: no login, the token is the credential. An error keeps what
    was entered; a second answer is refused and changes nothing."""
    invitation = policies.access_invitation(token)
    survey = invitation.survey
    refusal = services.response_refusal(invitation, today=timezone.localdate())
    questions = selectors.survey_questions(survey=survey)
    form = ResponseForm(request.POST or None, questions=questions)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            services.response_submit(token=token, answers=form.answers())
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            return redirect("surveys:respond_thanks", token=token)
    return render(
        request,
        "surveys/respond.html",
        {"survey": survey, "invitation": invitation, "form": form, "refusal": refusal},
    )


@never_cache
@require_safe
def respond_thanks(request: HttpRequest, token: str) -> HttpResponse:
    invitation = policies.access_invitation(token)
    if not invitation.has_responded:
        return redirect("surveys:respond", token=token)
    return render(request, "surveys/respond_thanks.html", {"survey": invitation.survey})
