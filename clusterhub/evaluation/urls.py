from django.urls import path

from clusterhub.evaluation.views import (
    drilldown,
    evaluator_input,
    goals,
    overview,
    reports,
    runs,
    scorecards,
    systems,
)

app_name = "evaluation"

urlpatterns = [
    path("", overview.home, name="home"),
    path("systems/", systems.system_list, name="system_list"),
    path("systems/<int:pk>/", systems.system_detail, name="system_detail"),
    path("systems/<int:pk>/draft/", systems.system_draft, name="system_draft"),
    path("systems/<int:pk>/publish/", systems.system_publish, name="system_publish"),
    path("systems/<int:pk>/indicators/new/", systems.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/edit/", systems.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/delete/", systems.indicator_delete, name="indicator_delete"),
    path(
        "indicators/<int:pk>/entities/<int:entity_id>/input/",
        evaluator_input.evaluator_input,
        name="evaluator_input",
    ),
    path("scorecards/", scorecards.scorecard_list, name="scorecard_list"),
    path("scorecards/<int:pk>/", scorecards.scorecard_detail, name="scorecard_detail"),
    path(
        "entities/<str:level>/<int:entity_id>/",
        scorecards.entity_history,
        name="entity_history",
    ),
    path(
        "metrics/<str:code>/<str:level>/<int:entity_id>/<int:year>/",
        drilldown.metric_records,
        name="metric_records",
    ),
    path("goals/", goals.goal_list, name="goal_list"),
    path("goals/new/", goals.goal_create, name="goal_create"),
    path("runs/start/", runs.run_start, name="run_start"),
    path("runs/<int:pk>/", runs.run_detail, name="run_detail"),
    path("runs/<int:pk>/resume/", runs.run_resume, name="run_resume"),
    path("reports/", reports.report_list, name="report_list"),
    path("reports/request/", reports.report_request, name="report_request"),
    path("reports/<int:pk>/download/", reports.report_download, name="report_download"),
]
