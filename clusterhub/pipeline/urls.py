from django.urls import path

from clusterhub.pipeline import views

app_name = "pipeline"

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("difficulties/new/", views.difficulty_create, name="difficulty_create"),
    path("difficulties/<int:pk>/", views.difficulty_detail, name="difficulty_detail"),
    path("difficulties/<int:pk>/convert/", views.difficulty_convert, name="difficulty_convert"),
    path("difficulties/<int:pk>/close/", views.difficulty_close, name="difficulty_close"),
    path("applications/", views.application_list, name="application_list"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("applications/<int:pk>/participants/", views.participant_add, name="participant_add"),
    path(
        "applications/<int:pk>/participants/<int:participant_id>/remove/",
        views.participant_remove,
        name="participant_remove",
    ),
    path(
        "applications/<int:pk>/transition/",
        views.application_transition,
        name="application_transition",
    ),
    path("applications/<int:pk>/milestones/", views.milestone_add, name="milestone_add"),
    path(
        "applications/<int:pk>/milestones/<int:milestone_id>/done/",
        views.milestone_done,
        name="milestone_done",
    ),
    path("applications/<int:pk>/disbursements/", views.disbursement_add, name="disbursement_add"),
    path("funnel/", views.funnel, name="funnel"),
]
