"""Outcome records (a company's figures), matched by (application, organization, metric, period).

The application is given by its reference (`2026-0012`), the company by its slug. Rows go
through `outcome_record_save`, the page's own door: the same policy decides who may report
which company's values, a period not yet due is refused, and a changed verified value
loses its verification. Evidence files are not part of an import.
"""

from __future__ import annotations

from django.utils import timezone

from clusterhub.directory.models import Organization
from clusterhub.exchange.columns import choice, decimal, reference, text
from clusterhub.exchange.importing import IMPORT_REASON, Importer, InvalidRowError, Plan
from clusterhub.outcomes import policies, services
from clusterhub.outcomes.models import OutcomeMetric, OutcomePeriod, OutcomeRecord
from clusterhub.pipeline.models import Application

M = OutcomeRecord


class OutcomeRecordImporter(Importer):
    kind = "outcomes"
    model = OutcomeRecord
    key = ("application", "organization", "metric", "period")
    columns = (
        reference(M, "application", Application, "reference"),
        reference(M, "organization", Organization, "slug"),
        choice(M, "metric", OutcomeMetric),
        choice(M, "period", OutcomePeriod),
        decimal(M, "value", required=True),
        text(M, "note"),
    )

    def load(self) -> None:
        super().load()
        self.today = timezone.localdate()
        self.existing = {
            (r.application_id, r.organization_id, r.metric, r.period): r
            for r in OutcomeRecord.objects.all()
        }

    def plan(self, row: int, values: dict) -> Plan:
        application, organization = values["application"], values["organization"]
        key = self.key_text(values)
        if not policies.record_can_edit(self.actor, application, organization.pk):
            raise self.refuse("organization")
        refusal = services.outcome_record_period_refusal(
            application=application, period=values["period"], today=self.today
        )
        if refusal:
            raise InvalidRowError([("period", refusal)])
        stored = self.existing.get(
            (application.pk, organization.pk, values["metric"], values["period"])
        )
        if stored is None:
            record = OutcomeRecord(**values)
            self.validated(record, validate_unique=False)
            return Plan(row, "create", key, record)
        changes = self.changes_to(stored, values)
        if not changes:
            return Plan(row, "unchanged", key, stored)
        self.validated(stored, changes, validate_unique=False)
        return Plan(row, "update", key, stored, changes)

    def write(self, plans: list[Plan]) -> None:
        for plan in plans:
            record = plan.obj
            services.outcome_record_save(
                actor=self.actor,
                application=record.application,
                organization=record.organization,
                metric=record.metric,
                period=record.period,
                value=plan.changes.get("value", record.value),
                note=plan.changes.get("note", record.note),
                today=self.today,
                reason=IMPORT_REASON,
            )

    @staticmethod
    def export_queryset():
        return OutcomeRecord.objects.select_related("application", "organization")

    @staticmethod
    def export_row(record: OutcomeRecord) -> dict:
        return {
            "application": record.application.reference,
            "organization": record.organization.slug,
            "metric": record.metric,
            "period": record.period,
            "value": record.value,
            "note": record.note,
        }
