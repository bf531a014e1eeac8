"""`clusterhub generate-demo`: the deterministic demo population (marked as demo data).

Without `--scale` (or with `--scale small`) it makes the small population of `make run`.
`--scale regional` and `--scale national` make the large datasets `make bench` measures
(`clusterhub.demo.scale`), with progress as they go.
"""

import sys
import time

from django.core.management.base import BaseCommand

from clusterhub.accounts.models import User
from clusterhub.demo.population import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_SEED,
    demo_population_generate,
)
from clusterhub.demo.scale import SCALE_CHOICES, SCALES, demo_dataset, demo_scale_generate


class Command(BaseCommand):
    help = "Generate the demo population once (organizations, people, memberships, activities)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEMO_SEED)
        parser.add_argument(
            "--scale",
            choices=SCALE_CHOICES,
            default=None,
            help="small (the default, what `make run` uses), regional or national.",
        )

    def handle(self, *args, seed: int, scale: str | None, **options):
        started = time.monotonic()
        if scale in (None, "small"):
            made = demo_population_generate(seed=seed)
        else:
            made = demo_scale_generate(scale=SCALES[scale], seed=seed, progress=self._progress)
        if not made:
            present = demo_dataset()
            which = f" ({present.scale} scale)" if present and scale else ""
            self.stdout.write(f"Demo population already present{which}; nothing changed.")
        else:
            for name, count in made.items():
                self.stdout.write(f"  {name}: {count}")
            self.stdout.write(
                self.style.SUCCESS("Demo population generated (marked as demo data).")
            )
            if scale not in (None, "small"):
                self.stdout.write(f"Generated in {time.monotonic() - started:.1f} s.")
        accounts = DEMO_ACCOUNTS
        if scale not in (None, "small"):  # the scaled demo makes the accounts it has data for
            usernames = set(User.objects.values_list("username", flat=True))
            accounts = [a for a in DEMO_ACCOUNTS if a.username in usernames]
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<12} {account.role} — {account.description}")

    def _progress(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()
        sys.stdout.flush()
