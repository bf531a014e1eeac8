"""`clusterhub load-sources`: load the data the sources give (idempotent, transactional)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clusterhub.core.reference import ReferenceDataError, reference_load


class Command(BaseCommand):
    help = "Load reference data (zones, industries, complexes, mini clusters) from data/."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=Path(settings.DATA_DIR),
            help="The data directory (default: the repository's data/).",
        )

    def handle(self, *args, data_dir: Path, **options):
        try:
            report = reference_load(data_dir / "reference")
        except ReferenceDataError as error:
            raise CommandError(f"Nothing was loaded: {error}") from error
        if options["verbosity"] >= 1:
            for line in report.lines():
                self.stdout.write(f"  {line}")
        if report.changed:
            self.stdout.write(self.style.SUCCESS("Reference data loaded."))
        else:
            self.stdout.write("Reference data already up to date; nothing changed.")
