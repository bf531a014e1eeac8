"""Expert profiles, matched by the person's e-mail (`person`).

The person must exist (import people first). `industries` lists industry codes separated
by semicolons and replaces the profile's list when it differs.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from clusterhub.directory import policies, services
from clusterhub.directory.models import ExpertField, ExpertProfile, Person
from clusterhub.exchange.columns import Column, boolean, choice, integer, text
from clusterhub.exchange.importing import IMPORT_REASON, Importer, InvalidRowError, Plan, RowError
from clusterhub.industries.models import Industry

M = ExpertProfile
PROFILE_FIELDS = ("field", "skills_ko", "skills_en", "years_of_experience", "is_available")


class ExpertImporter(Importer):
    kind = "experts"
    model = ExpertProfile
    key = ("person",)
    columns = (
        text(M, "person"),
        choice(M, "field", ExpertField),
        Column("industries", lambda value: value, aliases=("업종", "industries")),
        text(M, "skills_ko"),
        text(M, "skills_en"),
        integer(M, "years_of_experience"),
        boolean(M, "is_available"),
    )

    def option_errors(self):
        if policies.expert_profile_can_edit(self.actor):
            return []
        return [RowError(1, "", _("You may not change this row."))]

    def load(self) -> None:
        self.people = {p.email.casefold(): p for p in Person.objects.exclude(email="")}
        self.industries = {i.code: i for i in Industry.objects.all()}
        self.existing = {p.person_id: p for p in ExpertProfile.objects.all()}
        self.existing_industries = {}
        for profile_id, code in ExpertProfile.industries.through.objects.values_list(
            "expertprofile_id", "industry__code"
        ):
            self.existing_industries.setdefault(profile_id, set()).add(code)

    def plan(self, row: int, values: dict) -> Plan:
        person = self.people.get(values["person"].casefold())
        if person is None:
            raise InvalidRowError(
                [("person", _("No person has this e-mail; import people first."))]
            )
        industries = None
        if "industries" in values:
            codes = {c.strip() for c in values.pop("industries").split(";") if c.strip()}
            unknown = sorted(codes - self.industries.keys())
            if unknown:
                raise InvalidRowError(
                    [
                        (
                            "industries",
                            _("No %(thing)s has the code “%(code)s”.")
                            % {"thing": Industry._meta.verbose_name, "code": ", ".join(unknown)},
                        )
                    ]
                )
            industries = codes
        fields = {name: values[name] for name in PROFILE_FIELDS if values.get(name) is not None}
        key = values["person"]
        stored = self.existing.get(person.pk)
        wanted = (
            [self.industries[c] for c in sorted(industries)] if industries is not None else None
        )
        if stored is None:
            profile = self.validated(ExpertProfile(person=person, **fields), exclude=["person"])
            return Plan(row, "create", key, profile, extra=wanted)
        changes = self.changes_to(stored, fields)
        industries_changed = industries is not None and industries != self.existing_industries.get(
            stored.pk, set()
        )
        if not changes and not industries_changed:
            return Plan(row, "unchanged", key, stored)
        profile = self.validated(stored, changes, exclude=["person"])
        return Plan(
            row, "update", key, profile, changes, extra=wanted if industries_changed else None
        )

    def write(self, plans: list[Plan]) -> None:
        for plan in plans:
            services.expert_profile_save(
                actor=self.actor, profile=plan.obj, industries=plan.extra, reason=IMPORT_REASON
            )

    @staticmethod
    def export_queryset():
        return ExpertProfile.objects.select_related("person").prefetch_related("industries")

    @staticmethod
    def export_row(profile: ExpertProfile) -> dict:
        return {
            "person": profile.person.email,
            "industries": "; ".join(sorted(i.code for i in profile.industries.all())),
            **{name: getattr(profile, name) for name in PROFILE_FIELDS},
        }
