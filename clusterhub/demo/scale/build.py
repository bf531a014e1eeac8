"""What the steps of the scaled demo share while they run, and the reference rows they
start from."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from clusterhub.demo.scale.presets import Scale
from clusterhub.demo.scale.seeded import by_code
from clusterhub.directory.models import ExpertProfile, Organization, Person
from clusterhub.geography.models import Complex, Zone
from clusterhub.industries.models import Industry
from clusterhub.networks.models import MiniCluster


@dataclass
class DemoBuild:
    """What the steps share: the seeded random stream, the reference rows and the ids made
    so far.

    Every step draws from the one `rng`, in the order of `generate.STEPS`, which is what
    makes a seed reproduce its rows. A step reads what earlier steps recorded here (the
    organizations with their sizes, the first person of each, the experts, the mini clusters
    and their members) instead of querying it back.
    """

    scale: Scale
    seed: int
    rng: random.Random
    progress: Callable[[str], None]
    started: float
    zones: list[Zone] = field(default_factory=list)
    complexes: list[Complex] = field(default_factory=list)
    hubs: list[Complex] = field(default_factory=list)
    industries: list[Industry] = field(default_factory=list)
    top_industries: list[Industry] = field(default_factory=list)
    complex_industry_ids: dict[int, list[int]] = field(default_factory=dict)
    # Organizations as (id, kind, zone id, complex id or None, employees or None), in order.
    organizations: list[tuple[int, str, int, int | None, int | None]] = field(default_factory=list)
    companies_by_complex: dict[int, list[int]] = field(default_factory=dict)
    companies_by_zone: dict[int, list[int]] = field(default_factory=dict)
    others_by_zone: dict[int, list[int]] = field(default_factory=dict)
    first_person_of: dict[int, int] = field(default_factory=dict)
    exports_by_complex: dict[int, Decimal] = field(default_factory=dict)
    expert_profiles: list[ExpertProfile] = field(default_factory=list)
    hub_coordinators: dict[int, Person] = field(default_factory=dict)
    mini_clusters: list[MiniCluster] = field(default_factory=list)
    members_of: dict[int, list[int]] = field(default_factory=dict)
    sigs_of: dict[int, list[int]] = field(default_factory=dict)
    gwangju_companies: list[Organization] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def report(self, name: str, count: int) -> None:
        """Add `count` rows of `name` to the counts and say so on the progress line."""
        self.counts[name] = self.counts.get(name, 0) + count
        self.say(f"{name}: {self.counts[name]:,}")

    def say(self, message: str) -> None:
        """A progress line, prefixed with the seconds since the run started."""
        self.progress(f"[{time.monotonic() - self.started:7.1f} s] {message}")


def load_reference(build: DemoBuild) -> None:
    """The zones, industries, hubs and complexes' specialized industries of `load-sources`,
    in code order; the generated rows attach to them."""
    build.zones = sorted(Zone.objects.all(), key=lambda z: (z.position, z.code))
    build.industries = by_code(Industry.objects.all())
    build.top_industries = [i for i in build.industries if i.parent_id is None]
    build.hubs = by_code(Complex.objects.filter(is_hub=True))
    if not build.hubs:
        raise RuntimeError("Load the reference data first: clusterhub load-sources")
    through = Complex.specialized_industries.through
    for row in sorted(
        through.objects.values_list("complex_id", "industry__code", "industry_id"),
    ):
        build.complex_industry_ids.setdefault(row[0], []).append(row[2])
