from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PipelineConfig(AppConfig):
    name = "clusterhub.pipeline"
    verbose_name = _("Project pipeline")

    def ready(self) -> None:
        from clusterhub.core.sources import register_source_loader
        from clusterhub.pipeline.loading import support_types_load

        register_source_loader(
            "support types", 40, lambda data_dir: support_types_load(data_dir / "reference")
        )
