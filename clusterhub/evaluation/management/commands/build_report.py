"""`clusterhub build-report --year 2026 --level zone --language ko --format pdf -o out.pdf`:
produce the annual performance report in this process and say how long it took."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand

from clusterhub.evaluation.models import Level, ReportFormat
from clusterhub.evaluation.services import report_bytes


class Command(BaseCommand):
    help = "Produce the annual performance report (PDF or XLSX) for a year and a level."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--level", choices=Level.values, default=Level.PROGRAM)
        parser.add_argument("--language", choices=["ko", "en"], default="ko")
        parser.add_argument("--format", choices=ReportFormat.values, default=ReportFormat.PDF)
        parser.add_argument("-o", "--output", type=Path, required=True)

    def handle(self, *args, year, level, language, format, output, **options):
        started = time.perf_counter()
        content = report_bytes(year=year, level=level, language=language, fmt=format)
        output.write_bytes(content)
        self.stdout.write(
            f"{output}: {len(content):,} bytes in {time.perf_counter() - started:.2f} s"
        )
