"""`clusterhub generate-demo`: the deterministic demo population (marked as demo data)."""

from django.core.management.base import BaseCommand

from clusterhub.demo.population import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_SEED,
    demo_population_generate,
)


class Command(BaseCommand):
    help = "Generate the demo population once (organizations, people, memberships, activities)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEMO_SEED)

    def handle(self, *args, seed: int, **options):
        made = demo_population_generate(seed=seed)
        if not made:
            self.stdout.write("Demo population already present; nothing changed.")
        else:
            for name, count in made.items():
                self.stdout.write(f"  {name}: {count}")
            self.stdout.write(
                self.style.SUCCESS("Demo population generated (marked as demo data).")
            )
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<12} {account.role} — {account.description}")
