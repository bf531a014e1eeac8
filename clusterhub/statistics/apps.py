from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "clusterhub.statistics"
    label = "statistics"
    verbose_name = _("Statistics and sources")

    def ready(self) -> None:
        from clusterhub.core.sources import register_source_loader
        from clusterhub.sourcedata import SourceDataError
        from clusterhub.statistics.loading import sources_load

        # After the reference data; before the evaluation goals read from these tables.
        register_source_loader(
            "statistics",
            50,
            lambda data_dir: sources_load(data_dir / "sources"),
            errors=(SourceDataError,),
        )
