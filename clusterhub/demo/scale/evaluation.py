"""The evaluation step: this year's index systems, so a recomputation has something to
score the generated mini clusters and zones against."""

from __future__ import annotations

from clusterhub.accounts.actors import actor_for
from clusterhub.accounts.models import User
from clusterhub.demo.scale.build import DemoBuild
from clusterhub.evaluation import services
from clusterhub.evaluation.models import IndexSystem


def generate_index_systems(build: DemoBuild) -> None:
    """The 2026 index systems, drafted from the source's 2010 ones (mini cluster and zone)
    and published by the program office account, through the evaluation's services."""
    office = actor_for(User.objects.get(username="office"))
    made = 0
    for source in IndexSystem.objects.filter(year=2010):
        if not IndexSystem.objects.filter(year=2026, level=source.level).exists():
            draft = services.index_system_draft_from(actor=office, source=source, year=2026)
            services.index_system_publish(actor=office, system=draft)
            made += 1
    build.report("index systems drafted for 2026", made)
