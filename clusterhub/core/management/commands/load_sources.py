"""`clusterhub load-sources`: load everything the sources give (idempotent, transactional).

Reference data (zones, industries, complexes, mini clusters, support types, the 2006–2010
index systems) from `data/reference/`, the statistics tables with their validation findings
from `data/sources/`, and the goals those tables give, in one transaction: an unreadable
file leaves the database exactly as it was. Each app registers the loader of its own data
(`clusterhub.core.sources`); this command runs them in their order.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clusterhub.core.sources import source_data_errors, sources_load


class Command(BaseCommand):
    help = "Load the reference data and the source tables from data/ (safe to repeat)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=Path(settings.DATA_DIR),
            help="The data directory (default: the repository's data/).",
        )

    def handle(self, *args, data_dir: Path, **options):
        try:
            report = sources_load(data_dir)
        except source_data_errors() as error:
            raise CommandError(f"Nothing was loaded: {error}") from error
        if options["verbosity"] >= 1:
            for line in report.lines():
                self.stdout.write(f"  {line}")
        if report.changed:
            self.stdout.write(self.style.SUCCESS("Sources loaded."))
        else:
            self.stdout.write("Sources already up to date; nothing changed.")
