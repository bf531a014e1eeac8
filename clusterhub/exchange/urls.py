from django.urls import path

from clusterhub.exchange import views

app_name = "exchange"
urlpatterns = [
    path("import/", views.import_start, name="import_start"),
    path("import/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("import/<int:pk>/commit/", views.batch_commit, name="batch_commit"),
    path(
        "export/organizations.<str:fmt>",
        views.organization_download,
        name="organization_download",
    ),
]
