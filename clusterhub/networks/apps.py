from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "clusterhub.networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from clusterhub.core.sources import register_source_loader
        from clusterhub.networks.loading import mini_clusters_load

        # After the industries and the hub complexes the mini clusters name.
        register_source_loader(
            "mini clusters", 30, lambda data_dir: mini_clusters_load(data_dir / "reference")
        )
