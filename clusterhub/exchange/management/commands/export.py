"""`clusterhub export KIND [--format csv|xlsx] [-o FILE]`: every row of a kind, importable back.

An operator's tool on the server: it exports every column, private ones included (whoever
runs it already holds the database). The directory's download on the list page is the one
that decides by the viewer (`exchange.views.export_download`).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clusterhub.exchange.exporting import FORMATS, export_file
from clusterhub.exchange.kinds import KINDS


class Command(BaseCommand):
    help = "Export a kind as CSV or XLSX with the columns `clusterhub import` reads."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(KINDS))
        parser.add_argument("--format", choices=FORMATS, default=None)
        parser.add_argument("-o", "--output", type=Path, help="The file (default: stdout).")
        parser.add_argument("--table", help="observations: only this imported table.")

    def handle(self, *args, kind, format, output: Path | None, table, **options):
        if table and kind != "observations":
            raise CommandError("--table goes with the observations kind.")
        file_format = format or ("xlsx" if output and output.suffix == ".xlsx" else "csv")
        content = export_file(kind, file_format, table_id=table)
        if output is None:
            if file_format == "xlsx":
                raise CommandError("Give -o FILE for an XLSX export.")
            self.stdout.write(content.decode("utf-8"), ending="")
        else:
            output.write_bytes(content)
            self.stderr.write(f"Wrote {output}.")
