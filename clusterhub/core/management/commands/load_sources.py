"""`clusterhub load-sources`: load everything the sources give (idempotent, transactional).

Reference data (zones, industries, complexes, mini clusters, the 2006–2010 index systems)
from `data/reference/`, the statistics tables with their validation findings from
`data/sources/`, and the goals those tables give, in one transaction:
an unreadable file leaves the database exactly as it was.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clusterhub.core.reference import ReferenceDataError, reference_load
from clusterhub.evaluation.loading import goals_from_sources, index_systems_load
from clusterhub.sourcedata import SourceDataError
from clusterhub.statistics.loading import sources_load


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
            with transaction.atomic():
                report = reference_load(data_dir / "reference")
                report.merge(sources_load(data_dir / "sources"))
                report.merge(index_systems_load(data_dir / "reference"))
                report.merge(goals_from_sources())
        except (ReferenceDataError, SourceDataError) as error:
            raise CommandError(f"Nothing was loaded: {error}") from error
        if options["verbosity"] >= 1:
            for line in report.lines():
                self.stdout.write(f"  {line}")
        if report.changed:
            self.stdout.write(self.style.SUCCESS("Sources loaded."))
        else:
            self.stdout.write("Sources already up to date; nothing changed.")
