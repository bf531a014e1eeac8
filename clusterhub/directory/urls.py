from django.urls import path

from clusterhub.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.organization_list, name="organization_list"),
    path("<slug:slug>/", views.organization_detail, name="organization_detail"),
    path("<slug:slug>/edit/", views.organization_edit, name="organization_edit"),
]
