from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeographyConfig(AppConfig):
    name = "clusterhub.geography"
    verbose_name = _("Geography")

    def ready(self) -> None:
        from clusterhub.core.sources import register_source_loader
        from clusterhub.geography.loading import zones_and_complexes_load

        # After the industries the zones and complexes specialize in.
        register_source_loader(
            "zones and complexes",
            20,
            lambda data_dir: zones_and_complexes_load(data_dir / "reference"),
        )
