"""Organizations, matched by `slug`.

Zone, complex and industry are given by code; a row with a complex and no zone takes the
complex's zone. Columns left out of the file are left as they are, so a file of the public
columns (the directory's download for visitors) updates only those.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from clusterhub.directory import policies, services
from clusterhub.directory.models import CompanySize, Organization, OrganizationKind
from clusterhub.exchange.columns import choice, decimal, integer, reference, text
from clusterhub.exchange.importing import IMPORT_REASON, Importer, InvalidRowError, Plan
from clusterhub.geography.models import Complex, Zone
from clusterhub.industries.models import Industry

M = Organization


class OrganizationImporter(Importer):
    kind = "organizations"
    model = Organization
    key = ("slug",)
    columns = (
        text(M, "slug"),
        text(M, "name_ko"),
        text(M, "name_en"),
        choice(M, "kind", OrganizationKind),
        reference(M, "zone", Zone),
        reference(M, "complex", Complex),
        reference(M, "industry", Industry),
        choice(M, "size", CompanySize),
        integer(M, "founded_year"),
        text(M, "website"),
        text(M, "description_ko"),
        text(M, "description_en"),
        integer(M, "employees"),
        decimal(M, "annual_sales_eok"),
        decimal(M, "exports_musd"),
        text(M, "phone"),
        text(M, "email"),
        text(M, "address"),
    )
    export_columns_public = tuple(c.name for c in columns if c.name not in M.PRIVATE_FIELDS)

    def load(self) -> None:
        super().load()
        self.existing = {o.slug: o for o in Organization.objects.all()}

    def plan(self, row: int, values: dict) -> Plan:
        if values.get("complex") is not None and values.get("zone") is None:
            values["zone"] = values["complex"].zone
        if values.get("size") is None:
            values.pop("size", None)
        complex_ = values.get("complex")
        if complex_ is not None and values["zone"].pk != complex_.zone_id:
            raise InvalidRowError([("zone", _("The complex is in another zone."))])
        stored = self.existing.get(values["slug"])
        key = values["slug"]
        if stored is None:
            organization = Organization(**values)
            if not policies.organization_can_create(
                self.actor, zone_id=organization.zone_id, complex_id=organization.complex_id
            ):
                raise self.refuse("zone")
            # The slug is the key: unknown to `existing` and unique within the file.
            self.validated(organization, validate_unique=False)
            return Plan(row, "create", key, organization)
        changes = self.changes_to(stored, values)
        if not changes:
            return Plan(row, "unchanged", key, stored)
        if not policies.organization_can_edit(self.actor, stored):
            raise self.refuse("slug")
        changed = self.validated(stored, changes, validate_unique=False)
        if not policies.organization_can_edit(self.actor, changed):
            raise self.refuse("zone")
        return Plan(row, "update", key, stored, changes, extra=changed)

    def write(self, plans: list[Plan]) -> None:
        services.organizations_save_in_bulk(
            actor=self.actor,
            created=[plan.obj for plan in plans if plan.action == "create"],
            updated=[(plan.obj, plan.extra) for plan in plans if plan.action == "update"],
            reason=IMPORT_REASON,
        )

    # ---- export

    @staticmethod
    def export_queryset():
        return Organization.objects.select_related("zone", "complex", "industry").order_by("slug")

    @staticmethod
    def export_row(organization: Organization) -> dict:
        row = {
            name: getattr(organization, name)
            for name in (c.name for c in OrganizationImporter.columns)
        }
        for name in ("zone", "complex", "industry"):
            related = getattr(organization, name)
            row[name] = related.code if related is not None else ""
        return row
