from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "clusterhub.evaluation"
    verbose_name = _("Program evaluation")

    def ready(self) -> None:
        # Register the recomputation and report jobs with the background-task registry, so a
        # Celery worker finds them by name without importing the services first.
        from clusterhub.evaluation import services  # noqa: F401
