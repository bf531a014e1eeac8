"""`clusterhub validate-sources [--json]`: recompute the sources' derived figures.

Every total, share, growth rate, difference, achievement ratio and "n-fold" claim declared
in `data/sources/checks.csv` is recomputed from its inputs, and every fact two tables or
documents state is compared. Mismatches beyond the printed precision are findings: they are
reported, and the command still exits 0. Only unreadable data makes it fail.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clusterhub.sourcedata import SourceDataError, load_all, load_checks, validate


class Command(BaseCommand):
    help = "Recompute the derived figures of the source tables and report mismatches."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the findings as JSON.")
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=Path(settings.DATA_DIR) / "sources",
            help="The source-data directory (default: data/sources).",
        )

    def handle(self, *args, data_dir: Path, **options):
        try:
            data = load_all(data_dir)
            checks = load_checks(data_dir)
            findings = validate(data, checks)
        except SourceDataError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "checks": len(checks),
                        "findings": [
                            {
                                "check": f.check_id,
                                "rule": f.rule,
                                "document": f.document,
                                "table": f.table_id,
                                "row": f.cell.row_label,
                                "column": f.cell.column_label,
                                "series": f.cell.series,
                                "printed": f.printed,
                                "printed_value": str(f.printed_value),
                                "recomputed_or_other": str(f.computed),
                                "difference": str(f.difference),
                                "tolerance": str(f.tolerance),
                                "message_en": f.message_en,
                                "message_ko": f.message_ko,
                                "note": f.note,
                            }
                            for f in findings
                        ],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        for f in findings:
            self.stdout.write(
                f"{f.document} · {f.table_id} · [{f.cell.row_label} / {f.cell.column_label}"
                f"{'' if f.cell.series == 'main' else ' / ' + f.cell.series}] "
                f"printed {f.printed} vs {f.computed.normalize()} ({f.rule}, {f.check_id})\n"
                f"    {f.message_en}"
            )
        by_rule: dict[str, int] = {}
        for check in checks:
            by_rule[check.rule] = by_rule.get(check.rule, 0) + 1
        self.stdout.write(
            f"{len(findings)} findings from {len(checks)} checks "
            f"({', '.join(f'{rule} {n}' for rule, n in sorted(by_rule.items()))})."
        )
