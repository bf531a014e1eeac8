from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "clusterhub.exchange"
    verbose_name = _("Import and export")
