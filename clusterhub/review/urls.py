from django.urls import path

from clusterhub.review import views

app_name = "review"

urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("new/", views.round_create, name="round_create"),
    path("my-reviews/", views.my_reviews, name="my_reviews"),
    path("reviews/<int:assignment_id>/", views.review_edit, name="review_edit"),
    path("<int:pk>/", views.round_detail, name="round_detail"),
    path("<int:pk>/members/add/", views.round_add_member, name="round_add_member"),
    path(
        "<int:pk>/applications/add/",
        views.round_add_applications,
        name="round_add_applications",
    ),
    path(
        "<int:pk>/conflicts/detect/",
        views.round_detect_conflicts,
        name="round_detect_conflicts",
    ),
    path("<int:pk>/assign/", views.round_assign, name="round_assign"),
    path("<int:pk>/close/", views.round_close, name="round_close"),
]
