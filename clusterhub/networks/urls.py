from django.urls import path

from clusterhub.networks import views

app_name = "networks"

urlpatterns = [
    path("", views.mini_cluster_list, name="mini_cluster_list"),
    path("new/", views.mini_cluster_create, name="mini_cluster_create"),
    path("<slug:slug>/", views.mini_cluster_detail, name="mini_cluster_detail"),
    path("<slug:slug>/edit/", views.mini_cluster_edit, name="mini_cluster_edit"),
    path("<slug:slug>/sigs/new/", views.sig_create, name="sig_create"),
    path("<slug:slug>/sigs/<slug:sig_slug>/edit/", views.sig_edit, name="sig_edit"),
    path("<slug:slug>/members/", views.membership_manage, name="membership_manage"),
    path(
        "<slug:slug>/members/<int:membership_id>/end/",
        views.membership_end,
        name="membership_end",
    ),
    path("<slug:slug>/activities/new/", views.activity_create, name="activity_create"),
    path("<slug:slug>/activities/<int:pk>/", views.activity_detail, name="activity_detail"),
]
