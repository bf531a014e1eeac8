"""Networking activities with their attendance, matched by (mini_cluster, held_on, title_ko).

`attendance` lists the organizations present by slug, with the headcount after a colon
when it is more than one: `acme:3; kaist`. A row that changes the list replaces it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from clusterhub.directory.models import Organization
from clusterhub.exchange.columns import CellError, Column, choice, date, integer, reference, text
from clusterhub.exchange.importing import IMPORT_REASON, Importer, InvalidRowError, Plan
from clusterhub.networks import policies, services
from clusterhub.networks.models import (
    ActivityKind,
    Attendance,
    MiniCluster,
    NetworkingActivity,
    SpecialInterestGroup,
)

M = NetworkingActivity


def attendance_text(lines: list[tuple[str, int]]) -> str:
    return "; ".join(slug if count == 1 else f"{slug}:{count}" for slug, count in sorted(lines))


class ActivityImporter(Importer):
    kind = "activities"
    model = NetworkingActivity
    key = ("mini_cluster", "held_on", "title_ko")
    columns = (
        reference(M, "mini_cluster", MiniCluster, "slug"),
        reference(M, "sig", SpecialInterestGroup, "slug"),
        choice(M, "kind", ActivityKind),
        text(M, "title_ko"),
        text(M, "title_en"),
        date(M, "held_on"),
        text(M, "venue"),
        text(M, "summary"),
        integer(M, "other_participants"),
        Column("attendance", lambda value: value, aliases=("참석", "참석 기관")),
    )

    def load(self) -> None:
        super().load()
        self.organizations = {o.slug: o for o in Organization.objects.only("pk", "slug")}
        self.existing = {}
        for activity in NetworkingActivity.objects.select_related("mini_cluster__hub"):
            self.existing[(activity.mini_cluster_id, activity.held_on, activity.title_ko)] = (
                activity
            )
        self.attended = {}
        for activity_id, slug, headcount in Attendance.objects.values_list(
            "activity_id", "organization__slug", "headcount"
        ):
            self.attended.setdefault(activity_id, []).append((slug, headcount))

    def _attendance(self, text_: str) -> list[services.AttendanceLine]:
        lines = []
        for part in filter(None, (p.strip() for p in text_.split(";"))):
            slug, _sep, count = part.partition(":")
            organization = self.organizations.get(slug.strip())
            if organization is None:
                raise CellError(_("No organization has the slug “%(slug)s”.") % {"slug": slug})
            try:
                headcount = int(count) if count.strip() else 1
            except ValueError as exc:
                raise CellError(_("Enter a whole number.")) from exc
            lines.append(services.AttendanceLine(organization=organization, headcount=headcount))
        return lines

    def plan(self, row: int, values: dict) -> Plan:
        mini_cluster = values["mini_cluster"]
        key = self.key_text(values)
        if not policies.mini_cluster_can_manage(self.actor, mini_cluster):
            raise self.refuse("mini_cluster")
        attendance = values.pop("attendance", None)
        try:
            lines = self._attendance(attendance) if attendance is not None else None
        except CellError as exc:
            raise InvalidRowError([("attendance", str(exc))]) from exc
        if values.get("other_participants") is None:
            values.pop("other_participants", None)
        stored = self.existing.get((mini_cluster.pk, values["held_on"], values["title_ko"]))
        if stored is None:
            activity = NetworkingActivity(**values)
            self.validated(activity)
            return Plan(row, "create", key, activity, extra=lines or [])
        changes = self.changes_to(stored, values)
        wanted = None
        if lines is not None:
            now = sorted((line.organization.slug, line.headcount) for line in lines)
            if now != sorted(self.attended.get(stored.pk, [])):
                wanted = lines
        if not changes and wanted is None:
            return Plan(row, "unchanged", key, stored)
        self.validated(stored, changes)
        return Plan(row, "update", key, stored, changes, extra=wanted)

    def write(self, plans: list[Plan]) -> None:
        for plan in plans:
            if plan.action == "create":
                fields = {
                    name: getattr(plan.obj, name)
                    for name in ("kind", "title_ko", "title_en", "held_on", "venue", "summary")
                }
                services.activity_log(
                    actor=self.actor,
                    mini_cluster=plan.obj.mini_cluster,
                    sig=plan.obj.sig,
                    attendance=plan.extra,
                    other_participants=plan.obj.other_participants,
                    reason=IMPORT_REASON,
                    **fields,
                )
            else:
                services.activity_update(
                    actor=self.actor,
                    activity=plan.obj,
                    attendance=plan.extra,
                    reason=IMPORT_REASON,
                    **plan.changes,
                )

    @staticmethod
    def export_queryset():
        return NetworkingActivity.objects.select_related("mini_cluster", "sig").prefetch_related(
            "attendances__organization"
        )

    @staticmethod
    def export_row(activity: NetworkingActivity) -> dict:
        row = {
            name: getattr(activity, name)
            for name in ("kind", "title_ko", "title_en", "held_on", "venue", "summary")
        }
        row["mini_cluster"] = activity.mini_cluster.slug
        row["sig"] = activity.sig.slug if activity.sig else ""
        row["other_participants"] = activity.other_participants
        row["attendance"] = attendance_text(
            [(line.organization.slug, line.headcount) for line in activity.attendances.all()]
        )
        return row
