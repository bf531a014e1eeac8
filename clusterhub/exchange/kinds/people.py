"""People with their affiliations, matched by (email, organization).

A row is one person at one organization (by slug; empty for a person with none): the
person is found by e-mail, the affiliation by person and organization. Someone at two
organizations takes two rows, whose name and phone must agree.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from clusterhub.directory import policies, services
from clusterhub.directory.models import Affiliation, Organization, Person
from clusterhub.exchange.columns import date, reference, text
from clusterhub.exchange.importing import IMPORT_REASON, Importer, InvalidRowError, Plan

PERSON_FIELDS = ("name_ko", "name_en", "phone")
AFFILIATION_FIELDS = ("position_ko", "position_en", "started_on", "ended_on")


class PersonImporter(Importer):
    kind = "people"
    model = Person
    key = ("email", "organization")
    required_cells = ("email",)
    columns = (
        text(Person, "email"),
        reference(Affiliation, "organization", Organization, "slug"),
        text(Person, "name_ko"),
        text(Person, "name_en"),
        text(Person, "phone"),
        text(Affiliation, "position_ko"),
        text(Affiliation, "position_en"),
        date(Affiliation, "started_on"),
        date(Affiliation, "ended_on"),
    )

    def load(self) -> None:
        super().load()
        self.people = {p.email.casefold(): p for p in Person.objects.exclude(email="")}
        self.affiliations = {}
        for affiliation in Affiliation.objects.order_by("ended_on", "-started_on"):
            key = (affiliation.person_id, affiliation.organization_id)
            self.affiliations.setdefault(key, affiliation)
        self.seen_people: dict[str, tuple[int, dict]] = {}

    def plan(self, row: int, values: dict) -> Plan:
        email, organization = values["email"], values.get("organization")
        if not policies.person_can_edit(self.actor, organization):
            raise self.refuse("organization")
        person_values = {name: values[name] for name in PERSON_FIELDS if name in values}
        earlier = self.seen_people.get(email.casefold())
        if earlier is not None and earlier[1] != person_values:
            raise InvalidRowError(
                [
                    (
                        "email",
                        _("The same row as row %(row)s (by %(key)s).")
                        % {"row": earlier[0], "key": "name_ko, name_en, phone"},
                    )
                ]
            )
        self.seen_people.setdefault(email.casefold(), (row, person_values))
        person = self.people.get(email.casefold())
        person_changes = {}
        if person is None:
            person = self.validated(Person(email=email, **person_values))
            self.people[email.casefold()] = person
            person_changed = True
        elif earlier is None:
            person_changes = self.changes_to(person, person_values)
            person = self.validated(person, person_changes)
            self.people[email.casefold()] = person
            person_changed = bool(person_changes)
        else:
            person_changed = False
        affiliation, affiliation_changes = None, {}
        if organization is not None:
            affiliation_values = {n: values[n] for n in AFFILIATION_FIELDS if n in values}
            stored = self.affiliations.get((person.pk, organization.pk)) if person.pk else None
            if stored is None:
                affiliation = Affiliation(organization=organization, **affiliation_values)
                self.validated(affiliation, exclude=["person"])
                affiliation_changes = affiliation_values or {"organization": organization}
            else:
                affiliation_changes = self.changes_to(stored, affiliation_values)
                if affiliation_changes:
                    affiliation = self.validated(stored, affiliation_changes)
        key = self.key_text(values)
        if person.pk is None or (affiliation is not None and affiliation.pk is None):
            action = "create"
        elif person_changed or affiliation is not None:
            action = "update"
        else:
            return Plan(row, "unchanged", key, person)
        changes = {**person_changes, **affiliation_changes}
        return Plan(
            row, action, key, person, changes, extra=(organization, affiliation, person_changed)
        )

    def write(self, plans: list[Plan]) -> None:
        for plan in plans:
            organization, affiliation, person_changed = plan.extra
            services.person_save(
                actor=self.actor,
                person=plan.obj,
                organization=organization,
                affiliation=affiliation,
                person_changed=person_changed,
                reason=IMPORT_REASON,
            )

    @staticmethod
    def export_queryset():
        return Affiliation.objects.select_related("person", "organization").order_by(
            "person__email", "organization__slug"
        )

    @staticmethod
    def export_row(affiliation: Affiliation) -> dict:
        person = affiliation.person
        return {
            "email": person.email,
            "organization": affiliation.organization.slug,
            **{name: getattr(person, name) for name in PERSON_FIELDS},
            **{name: getattr(affiliation, name) for name in AFFILIATION_FIELDS},
        }
