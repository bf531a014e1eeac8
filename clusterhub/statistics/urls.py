from django.urls import path

from clusterhub.statistics import views

app_name = "statistics"

urlpatterns = [
    path("", views.explorer, name="explorer"),
    path("download.<str:fmt>", views.explorer_download, name="explorer_download"),
    path("sources/", views.source_list, name="source_list"),
    path("sources/<slug:table_id>/", views.table_detail, name="table_detail"),
    path("sources/<slug:table_id>/download.<str:fmt>", views.table_download, name="table_download"),
]
