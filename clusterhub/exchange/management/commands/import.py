# ruff: noqa: N999 -- the command is `clusterhub import`; importlib loads a keyword-named module.
"""`clusterhub import KIND FILE --user NAME [--dry-run] [--json]`: bulk import from CSV/XLSX.

The module is named `import` (a Python keyword, but Django loads commands with importlib,
which accepts it) so the documented command reads `clusterhub import organizations …`.
The import acts as the named user: the same policies decide which rows they may write,
and the history rows carry them with the reason "import". There is no default system
actor: a change nobody answers for would break "who changed what".
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clusterhub.accounts.actors import actor_for
from clusterhub.accounts.models import User
from clusterhub.exchange.files import SpreadsheetError, read_table
from clusterhub.exchange.importing import run_import
from clusterhub.exchange.kinds import KINDS, importer_class


class Command(BaseCommand):
    help = "Import a CSV or XLSX file of one kind; a file with any bad row writes nothing."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(KINDS))
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="The username the import acts as.")
        parser.add_argument("--dry-run", action="store_true", help="Validate; write nothing.")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")
        parser.add_argument("--table", help="statistics: the table id to import into.")
        parser.add_argument("--title", help="statistics: the table's title.")
        parser.add_argument("--publisher", help="statistics: who published the figures.")

    def handle(self, *args, kind, file: Path, user, dry_run, json: bool, **options):
        try:
            account = User.objects.get(username=user, is_active=True)
        except User.DoesNotExist as exc:
            raise CommandError(f"No active user is called {user!r}.") from exc
        extra = {name: options[name] for name in ("table", "title", "publisher") if options[name]}
        importer = importer_class(kind)(actor_for(account), file_name=file.name, **extra)
        try:
            with file.open("rb") as handle:
                rows = read_table(handle, file.name)
                report = run_import(importer, rows, dry_run=dry_run)
        except (OSError, SpreadsheetError) as exc:
            raise CommandError(f"{file}: {exc}") from exc
        if json:
            self.stdout.write(_json(report.as_dict()))
        else:
            self._write_text(report, dry_run)
        if report.errors:
            raise SystemExit(1)

    def _write_text(self, report, dry_run):
        for error in report.errors:
            self.stderr.write(f"row {error.row}, column {error.column}: {error.message}")
        counts = f"created {report.created}, updated {report.updated}, unchanged {report.unchanged}"
        if report.errors:
            self.stderr.write(f"{len(report.errors)} errors; nothing was written ({counts}).")
        elif dry_run:
            self.stdout.write(f"Dry run, nothing written: would have {counts}.")
        elif report.created or report.updated:
            self.stdout.write(self.style.SUCCESS(f"Imported: {counts}."))
        else:
            self.stdout.write(f"Nothing changed: {counts}.")


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False)
