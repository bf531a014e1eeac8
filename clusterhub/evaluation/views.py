"""Program evaluation pages: index systems, scorecards, an entity across years, the records
behind a number, evaluator input, goals, recomputation runs and reports.

Views are thin: they ask `policies`, read through `selectors`, write through one service, and
render. The evaluation section is for the program's staff, the committee and coordinators;
the goal table computed from the source documents is public.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from clusterhub.accounts.actors import Actor, actor_for
from clusterhub.core.forms import form_add_validation_error
from clusterhub.evaluation import policies, scoring, selectors, services
from clusterhub.evaluation.forms import (
    EvaluatorInputForm,
    GoalForm,
    IndicatorForm,
    ReportRequestForm,
    RunStartForm,
    SystemDraftForm,
)
from clusterhub.evaluation.metrics import METRICS, Scope
from clusterhub.evaluation.models import (
    IndexSystem,
    Indicator,
    Level,
    Nature,
    RecomputationRun,
    ReportFile,
    ReportFormat,
    RunStatus,
    Scorecard,
    ScoringRule,
)
from clusterhub.evaluation.weights import weight_problems

RECORDS_PER_PAGE = 50
DEFAULT_LEVEL = Level.ZONE
CONTENT_TYPES = {
    ReportFormat.PDF: "application/pdf",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


# ------------------------------------------------------------------ who may


def _viewer(request: HttpRequest) -> Actor:
    """The actor, if the evaluation section is theirs (anonymous visitors are sent to log in)."""
    actor = actor_for(request.user)
    policies.require(policies.evaluation_can_view(actor))
    return actor


def _manager(request: HttpRequest) -> Actor:
    actor = actor_for(request.user)
    policies.require(policies.evaluation_can_manage(actor))
    return actor


def _int_or_none(text: str | None) -> int | None:
    try:
        return int(text) if text else None
    except ValueError:
        return None


def _require_entity(actor: Actor, level: str, entity_id: int) -> selectors.Entity:
    """The entity, or 404; 403 unless the actor may see its evaluation."""
    entity = selectors.entity_or_none(level, entity_id)
    if entity is None:
        raise Http404
    policies.require(policies.entity_can_view(actor, level, entity_id, entity.places))
    return entity


# ------------------------------------------------------------------ overview


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Index systems by year, the latest recomputations, and the way to start one."""
    actor = _viewer(request)
    systems_by_year = selectors.systems_by_year()
    can_manage = policies.evaluation_can_manage(actor)
    latest_year = systems_by_year[0][0] if systems_by_year else None
    return render(
        request,
        "evaluation/home.html",
        {
            "systems_by_year": systems_by_year,
            "runs": selectors.recent_runs(),
            "can_manage": can_manage,
            "can_see_reports": policies.reports_can_view(actor),
            "run_form": RunStartForm(initial={"year": latest_year}) if can_manage else None,
        },
    )


# ------------------------------------------------------------------ index systems


@require_safe
def system_list(request: HttpRequest) -> HttpResponse:
    actor = _viewer(request)
    return render(
        request,
        "evaluation/system_list.html",
        {
            "systems": selectors.index_systems(),
            "can_manage": policies.evaluation_can_manage(actor),
        },
    )


def _system(pk: int) -> IndexSystem:
    return get_object_or_404(IndexSystem.objects.select_related("based_on"), pk=pk)


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
    actor = _viewer(request)
    return _system_page(request, actor, _system(pk))


@require_POST
def system_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft a system for another year from this one (tree, weights, rules and lineage)."""
    actor = _manager(request)
    source = _system(pk)
    form = SystemDraftForm(request.POST)
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
    actor = _manager(request)
    system = _system(pk)
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
    actor = _manager(request)
    return _indicator_page(request, actor, _system(pk), None)


@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _manager(request)
    indicator = get_object_or_404(Indicator.objects.select_related("system"), pk=pk)
    return _indicator_page(request, actor, indicator.system, indicator)


@require_POST
def indicator_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a node of a draft (a group with everything under it)."""
    actor = _manager(request)
    indicator = get_object_or_404(Indicator.objects.select_related("system"), pk=pk)
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


# ------------------------------------------------------------------ scorecards


def _chart_number(value) -> float:
    return float(value) if value is not None else 0.0


@require_safe
def scorecard_list(request: HttpRequest) -> HttpResponse:
    """A year and level's ranking, limited to the scorecards the actor may see."""
    actor = _viewer(request)
    years = selectors.scorecard_years()
    year = _int_or_none(request.GET.get("year")) or (years[0] if years else None)
    level = request.GET.get("level") or DEFAULT_LEVEL
    if level not in Level.values:
        level = DEFAULT_LEVEL
    rows = selectors.scorecard_ranking(actor=actor, year=year, level=level)
    system = selectors.system_for(year=year, level=level)
    chart = {
        "labels": [row.entity.name for row in rows],
        "datasets": [
            {"label": _("Total"), "values": [_chart_number(row.scorecard.total) for row in rows]}
        ],
    }
    return render(
        request,
        "evaluation/scorecard_list.html",
        {
            "years": years,
            "year": year,
            "level": level,
            "levels": Level.choices,
            "level_label": Level(level).label,
            "system": system,
            "rows": rows,
            "chart": chart,
        },
    )


@require_safe
def scorecard_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Every line of a scorecard, explained, with the way to the records behind each number."""
    actor = _viewer(request)
    scorecard = get_object_or_404(Scorecard.objects.select_related("system", "run"), pk=pk)
    system = scorecard.system
    entity = _require_entity(actor, system.level, scorecard.entity_id)
    lines = selectors.scorecard_lines(scorecard)
    for line in lines:
        indicator = line.indicator
        if indicator.nature == Nature.QUANTITATIVE and indicator.metric in METRICS:
            line.records_url = reverse(
                "evaluation:metric_records",
                kwargs={
                    "code": indicator.metric,
                    "level": system.level,
                    "entity_id": scorecard.entity_id,
                    "year": system.year,
                },
            )
        elif indicator.rule == ScoringRule.LOWER_LEVEL_AVERAGE:
            below = scoring.lower_level(system.level)
            if below:
                line.lower_level_url = (
                    reverse("evaluation:scorecard_list") + f"?year={system.year}&level={below}"
                )
        if indicator.nature == Nature.QUALITATIVE and policies.evaluator_can_enter(
            actor, indicator, scorecard.entity_id, entity.places
        ):
            line.input_url = reverse(
                "evaluation:evaluator_input",
                kwargs={"pk": indicator.pk, "entity_id": scorecard.entity_id},
            )
    return render(
        request,
        "evaluation/scorecard_detail.html",
        {
            "scorecard": scorecard,
            "system": system,
            "entity": entity,
            "lines": lines,
            "ranked": selectors.scorecard_count(system),
        },
    )


@require_safe
def entity_history(request: HttpRequest, level: str, entity_id: int) -> HttpResponse:
    """An entity's totals by year and, per lineage, its scores across changing systems."""
    actor = _viewer(request)
    entity = _require_entity(actor, level, entity_id)
    history = selectors.entity_history(level=level, entity_id=entity_id)
    chart = {
        "datasets": [
            {
                "label": _("Total"),
                "points": [
                    {"x": card.system.year, "y": _chart_number(card.total), "kind": "actual"}
                    for card in history.scorecards
                ],
            }
        ],
        "labels": {},
    }
    return render(
        request,
        "evaluation/entity_history.html",
        {"entity": entity, "history": history, "chart": chart},
    )


@require_safe
def metric_records(
    request: HttpRequest, code: str, level: str, entity_id: int, year: int
) -> HttpResponse:
    """The records behind one number of a scorecard, 50 to a page."""
    metric = METRICS.get(code)
    if metric is None or level not in Level.values:
        raise Http404
    actor = _viewer(request)
    entity = _require_entity(actor, level, entity_id)
    stored = selectors.metric_value(code=code, level=level, entity_id=entity_id, year=year)
    records = metric.records(Scope(level, entity_id), year)
    page = Paginator(records, RECORDS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluation/metric_records.html",
        {
            "metric": metric,
            "entity": entity,
            "year": year,
            "stored": stored,
            "page": page,
            "rows": list(metric.rows(page.object_list)),
        },
    )


@require_http_methods(["GET", "POST"])
def evaluator_input(request: HttpRequest, pk: int, entity_id: int) -> HttpResponse:
    """An evaluator's score of a qualitative indicator for one entity, with its evidence."""
    actor = actor_for(request.user)
    indicator = get_object_or_404(Indicator.objects.select_related("system"), pk=pk)
    system = indicator.system
    entity = selectors.entity_or_none(system.level, entity_id)
    if entity is None or indicator.nature != Nature.QUALITATIVE:
        raise Http404
    policies.require(policies.evaluator_can_enter(actor, indicator, entity_id, entity.places))
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


# ------------------------------------------------------------------ goals


@require_safe
def goal_list(request: HttpRequest) -> HttpResponse:
    """Public: the goals from the source documents, with the ratio computed and as printed.
    The platform's own goals, to those who have the evaluation section."""
    actor = actor_for(request.user)
    year = _int_or_none(request.GET.get("year"))
    can_view = policies.evaluation_can_view(actor)
    return render(
        request,
        "evaluation/goal_list.html",
        {
            "year": year,
            "years": selectors.goal_years(),
            "source_goals": selectors.source_goals(year=year),
            "platform_goals": selectors.platform_goals(year=year) if can_view else None,
            "can_manage": policies.evaluation_can_manage(actor),
        },
    )


@require_http_methods(["GET", "POST"])
def goal_create(request: HttpRequest) -> HttpResponse:
    actor = _manager(request)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_save(actor=actor, goal=form.save(commit=False))
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            messages.success(request, _("Goal saved."))
            return redirect(reverse("evaluation:goal_list") + f"?year={goal.goal_year}")
    return render(request, "evaluation/goal_form.html", {"form": form})


# ------------------------------------------------------------------ recomputation


@require_POST
def run_start(request: HttpRequest) -> HttpResponse:
    actor = _manager(request)
    form = RunStartForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("evaluation:home")
    try:
        run = services.recomputation_start(actor=actor, year=form.cleaned_data["year"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("evaluation:home")
    messages.success(request, _("Recomputation of %(year)s started.") % {"year": run.year})
    return redirect(run.get_absolute_url())


@require_safe
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A run's progress; while it is active, htmx refreshes the progress part every 2 s."""
    actor = _viewer(request)
    run = get_object_or_404(RecomputationRun.objects.select_related("requested_by"), pk=pk)
    stalled = services.run_is_stalled(run)
    can_manage = policies.evaluation_can_manage(actor)
    context = {
        "run": run,
        "stalled": stalled,
        "can_resume": can_manage and (run.status == RunStatus.FAILED or stalled),
        "show_error": actor.is_program_office,
    }
    template = "evaluation/partials/run_progress.html" if request.htmx else "evaluation/run.html"
    return render(request, template, context)


@require_POST
def run_resume(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _manager(request)
    run = get_object_or_404(RecomputationRun, pk=pk)
    try:
        services.recomputation_resume(actor=actor, run=run)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The recomputation goes on from where it stopped."))
    return redirect(run.get_absolute_url())


# ------------------------------------------------------------------ reports


def _reports_page(request: HttpRequest, actor: Actor, form: ReportRequestForm | None):
    return render(
        request,
        "evaluation/report_list.html",
        {"reports": selectors.report_files(), "form": form},
    )


@require_safe
def report_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    policies.require(policies.reports_can_view(actor))
    form = None
    if policies.evaluation_can_manage(actor):
        years = selectors.scorecard_years()
        form = ReportRequestForm(
            initial={
                "year": years[0] if years else None,
                "level": DEFAULT_LEVEL,
                "language": request.LANGUAGE_CODE,
            }
        )
    return _reports_page(request, actor, form)


@require_POST
def report_request(request: HttpRequest) -> HttpResponse:
    actor = _manager(request)
    form = ReportRequestForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            files = services.report_request(
                actor=actor,
                year=data["year"],
                level=data["level"],
                language=data["language"],
                formats=data["formats"],
            )
        except ValidationError as error:
            form_add_validation_error(form, error)
        else:
            messages.success(
                request,
                _("Report requested: %(count)s file(s) are being produced.")
                % {"count": len(files)},
            )
            return redirect("evaluation:report_list")
    return _reports_page(request, actor, form)


@require_safe
def report_download(request: HttpRequest, pk: int) -> FileResponse:
    actor = actor_for(request.user)
    policies.require(policies.reports_can_view(actor))
    report = get_object_or_404(ReportFile, pk=pk)
    services.report_refuse_unless_done(report)
    try:
        handle = report.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=report.file_name,
        content_type=CONTENT_TYPES.get(report.format, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    return response
