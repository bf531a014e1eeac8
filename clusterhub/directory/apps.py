from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "clusterhub.directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from clusterhub.accounts.actors import register_derived_role
        from clusterhub.directory.selectors import person_is_expert

        # A person with an expert profile acts as an expert.
        register_derived_role("is_expert", person_is_expert)
