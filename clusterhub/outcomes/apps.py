from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "clusterhub.outcomes"
    verbose_name = _("Outcomes and success stories")

    def ready(self) -> None:
        # Register `followup_reminders_send` with the background-task registry, so a Celery
        # worker finds it by name without importing the app's services first.
        from clusterhub.outcomes import services  # noqa: F401
