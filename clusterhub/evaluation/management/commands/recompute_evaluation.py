"""`clusterhub recompute-evaluation --year 2026`: recompute a year's metrics, goal actuals and
scorecards in this process, showing progress; `--resume RUN` goes on with a stopped run."""

import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from clusterhub.evaluation import services
from clusterhub.evaluation.models import RecomputationRun, RunStatus


class Command(BaseCommand):
    help = "Recompute a year's evaluation (resumable: --resume RUN goes on where a run stopped)."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--year", type=int)
        group.add_argument("--resume", type=int, metavar="RUN")

    def handle(self, *args, year=None, resume=None, **options):
        started = time.monotonic()
        if resume is not None:
            run = RecomputationRun.objects.filter(pk=resume).first()
            if run is None:
                raise CommandError(f"No recomputation #{resume}.")
            if run.status == RunStatus.DONE:
                raise CommandError(f"Recomputation #{resume} is already done.")
        else:
            try:
                run = services.recomputation_plan(actor=None, year=year)
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(f"Recomputation #{run.pk} of {run.year}: {run.total_units} units.")
        services.recomputation_execute(run_id=run.pk)
        run.refresh_from_db()
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {run.done_units}/{run.total_units} units in "
                f"{time.monotonic() - started:.1f} s (attempts: {run.attempts})."
            )
        )
