"""Root URL configuration.

Every page lives under a language prefix (/ko/…, /en/…) so a link carries its language.
`/healthz` stays outside: it must answer without templates, sessions or the database.
The API (`/api/v1/`) stays outside too: its resources carry both languages' names.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from clusterhub.api.main import api
from clusterhub.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    # The API keeps one address whatever the language: its resources carry both names.
    path("api/v1/", api.urls),
]

urlpatterns += i18n_patterns(
    path("", include("clusterhub.portal.urls")),
    path("accounts/", include("clusterhub.accounts.urls")),
    path("zones/", include("clusterhub.portal.places.urls")),
    path("directory/", include("clusterhub.directory.urls")),
    path("mini-clusters/", include("clusterhub.networks.urls")),
    path("statistics/", include("clusterhub.statistics.urls")),
    # Notifications keep the address they had when the pipeline served them.
    path("pipeline/notifications/", include("clusterhub.notifications.urls")),
    path("pipeline/", include("clusterhub.pipeline.urls")),
    path("committees/", include("clusterhub.review.urls")),
    path("outcomes/", include("clusterhub.outcomes.urls")),
    path("surveys/", include("clusterhub.surveys.urls")),
    path("evaluation/", include("clusterhub.evaluation.urls")),
    path("exchange/", include("clusterhub.exchange.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
