from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "clusterhub.networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from clusterhub.accounts.actors import register_derived_role
        from clusterhub.core.sources import register_source_loader
        from clusterhub.networks.loading import mini_clusters_load
        from clusterhub.networks.selectors import mini_cluster_ids_coordinated_by

        # A person who coordinates a mini cluster acts as its coordinator.
        register_derived_role("coordinated_mini_cluster_ids", mini_cluster_ids_coordinated_by)
        # After the industries and the hub complexes the mini clusters name.
        register_source_loader(
            "mini clusters", 30, lambda data_dir: mini_clusters_load(data_dir / "reference")
        )
