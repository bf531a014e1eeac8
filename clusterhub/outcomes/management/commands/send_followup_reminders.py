"""`clusterhub send-followup-reminders`: remind companies of follow-up years that fell due.

Run it daily (cron, or a Celery beat schedule calling the same job). It is idempotent: a
follow-up year is reminded once, however often the command runs.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from clusterhub.outcomes.services import followup_reminders_send


class Command(BaseCommand):
    help = "Send the outcome follow-up reminders that are due (safe to repeat)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help="Treat this date (YYYY-MM-DD) as today, to catch up or rehearse.",
        )

    def handle(self, *args, today: str | None = None, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today must be a date like 2026-03-01: {error}") from error
        sent = followup_reminders_send(today=day)
        self.stdout.write(f"{sent} follow-up reminder(s) sent for {day.isoformat()}.")
