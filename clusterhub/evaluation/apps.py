from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "clusterhub.evaluation"
    verbose_name = _("Program evaluation")

    def ready(self) -> None:
        from clusterhub.core.sources import register_source_loader
        from clusterhub.evaluation import services  # noqa: F401
        from clusterhub.evaluation.loading import goals_from_sources, index_systems_load

        # Importing the services registers the recomputation and report jobs with the
        # background-task registry, so a Celery worker finds them by name.
        # `load-sources` runs the index systems after the reference data, then the goals,
        # read from the statistics tables loaded before them.
        register_source_loader(
            "index systems", 60, lambda data_dir: index_systems_load(data_dir / "reference")
        )
        register_source_loader("goals", 70, lambda data_dir: goals_from_sources())
