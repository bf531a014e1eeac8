from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "clusterhub.review"
    verbose_name = _("Evaluation committees")

    def ready(self) -> None:
        from clusterhub.pipeline.policies import register_committee_applications
        from clusterhub.review.policies import reviewer_application_ids

        # A committee member sees the pipeline's applications assigned to them.
        register_committee_applications(reviewer_application_ids)
