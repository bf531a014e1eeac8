"""Demo data at the size of a real program: `clusterhub generate-demo --scale regional|national`.

`small` is the hand-sized population of `make run` (`clusterhub.demo.population`); the two
larger scales are built here, deterministically (same seed, same rows), so that pages can be
measured against the data volume of a national program (`make bench`, `bench/README.md`).

One module per app the dataset fills, run in order by `generate.STEPS` over one shared
`build.DemoBuild` and one seeded random stream:

- `geography`: complexes up to the scale's total, some linked to hubs;
- `directory`: organizations, their people, and the expert pool;
- `networks`: mini clusters with coordinators, members and SIGs; activities and attendance;
- `statistics`: the demo document of yearly figures per complex;
- `accounts`: the six demo accounts;
- `evaluation`: the 2026 index systems;
- `pipeline`: says that applications, reviews and outcomes are left to the small population.

What follows the sources, where they give a figure:

- mini clusters have ~98 members each, ~70% of them companies: 5,413 members and 3,800
  company members in 55 mini clusters in 2009 (`003_…` [Mini clusters by year]);
- networking activities per year stay in the range the sources print for 2005–2009
  (2,020 to 7,511 a year nationwide, `003_…` [Networking activities by year]);
- the expert pool is 71% technology / 29% business administration, hosted 50% by
  universities, 13% by institutes, 11% by support organizations and 26% by others, which
  we host at companies (`003_…` [Pool of Experts], 2010);
- companies' headcounts follow the size bands of the program's applications: 75.3% under
  50 employees, 21.8% from 50 to 300, 2.9% over 300 (`003_…` [Applications by size]);
- Gwangju's photonics complex has ~310 photonics companies at national scale (`004_…`
  table 3: between 273 and 360 from 2008 to 2018).

Everything generated is demo data. Organizations, people, expert profiles and activities
carry `is_demo=True`; complexes and mini clusters have no such field, so generated ones
have a `demo-` code or slug, "데모"/"Demo" in their names and `DEMO_SOURCE` as their source.
Generated statistics live in their own document (`DEMO_DOCUMENT`), never in the tables of
the real sources, and every generated cell says so in its note. Bulk rows skip the audit
history (`bulk`); the demo accounts are saved normally and do get history.
"""

from clusterhub.demo.scale.dataset import (
    DEMO_DOCUMENT,
    DEMO_NOTE,
    DEMO_SOURCE,
    GENERATOR_VERSION,
    GeneratedDataset,
    demo_dataset,
)
from clusterhub.demo.scale.generate import STEPS, demo_scale_generate
from clusterhub.demo.scale.presets import SCALE_CHOICES, SCALES, Scale

__all__ = [
    "DEMO_DOCUMENT",
    "DEMO_NOTE",
    "DEMO_SOURCE",
    "GENERATOR_VERSION",
    "SCALES",
    "SCALE_CHOICES",
    "STEPS",
    "GeneratedDataset",
    "Scale",
    "demo_dataset",
    "demo_scale_generate",
]
