from django.urls import path

from clusterhub.outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("projects/<int:pk>/", views.ledger, name="ledger"),
    path("records/<int:pk>/edit/", views.record_edit, name="record_edit"),
    path("records/<int:pk>/verify/", views.record_verify, name="record_verify"),
    path("records/<int:pk>/evidence/", views.record_evidence, name="record_evidence"),
    path("companies/<slug:slug>/", views.company_ledger, name="company_ledger"),
    path("follow-ups/", views.followups_due, name="followups_due"),
    path("projects/<int:pk>/story/", views.story_edit, name="story_edit"),
    path("projects/<int:pk>/story/consent/", views.story_consent, name="story_consent"),
    path(
        "projects/<int:pk>/story/withdraw-consent/",
        views.story_withdraw_consent,
        name="story_withdraw_consent",
    ),
    path("projects/<int:pk>/story/publish/", views.story_publish, name="story_publish"),
    path("projects/<int:pk>/story/unpublish/", views.story_unpublish, name="story_unpublish"),
    path("stories/", views.story_list, name="story_list"),
    path("stories/<int:pk>/", views.story_detail, name="story_detail"),
]
