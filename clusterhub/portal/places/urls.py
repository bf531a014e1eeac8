"""The zone and complex pages under `/zones/`; the namespace keeps geography's name, so every
link to a place (`geography:zone_detail`, a model's `get_absolute_url`) reads as before."""

from django.urls import path

from clusterhub.portal.places import views

app_name = "geography"

urlpatterns = [
    path("", views.zone_list, name="zone_list"),
    path("complexes/", views.complex_list, name="complex_list"),
    path("complexes/<slug:code>/", views.complex_detail, name="complex_detail"),
    path("<slug:code>/", views.zone_detail, name="zone_detail"),
]
