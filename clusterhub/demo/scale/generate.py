"""Running the scaled demo: the steps in order, in one transaction, then the dataset's
record in the demo document."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from django.db import connection, transaction

from clusterhub.demo.population import DEMO_SEED, demo_population_exists
from clusterhub.demo.scale.accounts import generate_accounts
from clusterhub.demo.scale.build import DemoBuild, load_reference
from clusterhub.demo.scale.dataset import DEMO_DOCUMENT, demo_document_description
from clusterhub.demo.scale.directory import (
    generate_experts,
    generate_organizations,
    generate_people,
)
from clusterhub.demo.scale.evaluation import generate_index_systems
from clusterhub.demo.scale.geography import generate_complexes
from clusterhub.demo.scale.networks import generate_activities, generate_mini_clusters
from clusterhub.demo.scale.pipeline import pipeline_not_generated
from clusterhub.demo.scale.presets import Scale
from clusterhub.demo.scale.statistics import generate_statistics
from clusterhub.statistics.models import SourceDocument

# The steps in order: each reads what the earlier ones recorded in the build and draws from
# the same random stream, so reordering them changes what a seed makes.
STEPS: list[tuple[str, Callable[[DemoBuild], None]]] = [
    ("complexes", generate_complexes),
    ("organizations", generate_organizations),
    ("people", generate_people),
    ("experts", generate_experts),
    ("mini clusters", generate_mini_clusters),
    ("activities", generate_activities),
    ("statistics", generate_statistics),
    ("accounts", generate_accounts),
    ("index systems", generate_index_systems),
    ("applications, reviews, outcomes", pipeline_not_generated),
]


def demo_scale_generate(
    *,
    scale: Scale,
    seed: int = DEMO_SEED,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Generate a demo dataset of `scale` once; returns how many of each record it made.

    Returns {} when demo data is already present (of any scale), like the small population.
    """
    if demo_population_exists() or SourceDocument.objects.filter(file_name=DEMO_DOCUMENT).exists():
        return {}
    if not connection.features.can_return_rows_from_bulk_insert:
        raise RuntimeError("The scaled demo needs a database that returns ids from bulk inserts.")
    started = time.monotonic()
    build = DemoBuild(
        scale=scale,
        seed=seed,
        rng=random.Random(seed),
        progress=progress or (lambda _: None),
        started=started,
    )
    with transaction.atomic():
        load_reference(build)
        for _name, step in STEPS:
            step(build)
    # Refresh the planner's statistics: after a bulk load of this size, a database whose
    # autovacuum is off or has not run yet plans the pages' joins for empty tables
    # (minutes instead of milliseconds for a mini cluster's activities on PostgreSQL).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    seconds = time.monotonic() - started
    build.say("planner statistics refreshed (ANALYZE)")
    SourceDocument.objects.filter(file_name=DEMO_DOCUMENT).update(
        description=demo_document_description(scale, seed, seconds)
    )
    return dict(build.counts)
