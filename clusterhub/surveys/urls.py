from django.urls import path

from clusterhub.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="survey_list"),
    path("new/", views.survey_create, name="survey_create"),
    path("<int:pk>/", views.survey_detail, name="survey_detail"),
    path("<int:pk>/edit/", views.survey_edit, name="survey_edit"),
    path("<int:pk>/questions/add/", views.question_add, name="question_add"),
    path("<int:pk>/questions/<int:question_id>/edit/", views.question_edit, name="question_edit"),
    path(
        "<int:pk>/questions/<int:question_id>/remove/",
        views.question_remove,
        name="question_remove",
    ),
    path("<int:pk>/questions/<int:question_id>/move/", views.question_move, name="question_move"),
    path("<int:pk>/open/", views.survey_open, name="survey_open"),
    path("<int:pk>/close/", views.survey_close, name="survey_close"),
    path("<int:pk>/results/", views.survey_results, name="survey_results"),
    path("respond/<slug:token>/", views.respond, name="respond"),
    path("respond/<slug:token>/thanks/", views.respond_thanks, name="respond_thanks"),
]
