from django.urls import path

from clusterhub.evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("", views.home, name="home"),
    path("systems/", views.system_list, name="system_list"),
    path("systems/<int:pk>/", views.system_detail, name="system_detail"),
    path("systems/<int:pk>/draft/", views.system_draft, name="system_draft"),
    path("systems/<int:pk>/publish/", views.system_publish, name="system_publish"),
    path("systems/<int:pk>/indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/delete/", views.indicator_delete, name="indicator_delete"),
    path(
        "indicators/<int:pk>/entities/<int:entity_id>/input/",
        views.evaluator_input,
        name="evaluator_input",
    ),
    path("scorecards/", views.scorecard_list, name="scorecard_list"),
    path("scorecards/<int:pk>/", views.scorecard_detail, name="scorecard_detail"),
    path(
        "entities/<str:level>/<int:entity_id>/",
        views.entity_history,
        name="entity_history",
    ),
    path(
        "metrics/<str:code>/<str:level>/<int:entity_id>/<int:year>/",
        views.metric_records,
        name="metric_records",
    ),
    path("goals/", views.goal_list, name="goal_list"),
    path("goals/new/", views.goal_create, name="goal_create"),
    path("runs/start/", views.run_start, name="run_start"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("runs/<int:pk>/resume/", views.run_resume, name="run_resume"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/request/", views.report_request, name="report_request"),
    path("reports/<int:pk>/download/", views.report_download, name="report_download"),
]
