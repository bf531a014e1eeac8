from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "clusterhub.accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        # Every app's policies register the questions templates may ask `can` (accounts.can).
        autodiscover_modules("policies")
