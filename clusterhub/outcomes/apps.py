from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "clusterhub.outcomes"
    verbose_name = _("Outcomes and success stories")
