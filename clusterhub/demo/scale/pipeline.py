"""The pipeline step: applications, reviews and outcomes are not generated at scale.

The scaled dataset measures the pages against the volumes of the directory and the
networks. The demo's difficulties, applications in every state, committees and outcomes are
made through their apps' services by the small population
(`clusterhub.demo.pipeline_population`), which `generate-demo` makes without `--scale`.
"""

from __future__ import annotations

from clusterhub.demo.scale.build import DemoBuild


def pipeline_not_generated(build: DemoBuild) -> None:
    """Say on the progress line that this dataset has no applications, reviews or outcomes."""
    build.say(
        "applications, reviews, outcomes: not generated yet at this scale "
        "(the small population has them: generate-demo without --scale)"
    )
