from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndustriesConfig(AppConfig):
    name = "clusterhub.industries"
    verbose_name = _("Industries")

    def ready(self) -> None:
        from clusterhub.core.sources import register_source_loader
        from clusterhub.industries.loading import industries_load

        # First: every other reference file names these industries.
        register_source_loader(
            "industries", 10, lambda data_dir: industries_load(data_dir / "reference")
        )
