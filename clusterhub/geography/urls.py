from django.urls import path

from clusterhub.geography import views

app_name = "geography"

urlpatterns = [
    path("", views.zone_list, name="zone_list"),
    path("complexes/", views.complex_list, name="complex_list"),
    path("complexes/<slug:code>/", views.complex_detail, name="complex_detail"),
    path("<slug:code>/", views.zone_detail, name="zone_detail"),
]
