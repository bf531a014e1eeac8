"""The kinds that can be imported and exported, in the order the docs list them."""

from __future__ import annotations

from importlib import import_module

KINDS = {
    "organizations": "clusterhub.exchange.kinds.organizations.OrganizationImporter",
    "memberships": "clusterhub.exchange.kinds.memberships.MembershipImporter",
    "activities": "clusterhub.exchange.kinds.activities.ActivityImporter",
    "outcomes": "clusterhub.exchange.kinds.outcomes.OutcomeRecordImporter",
    "observations": "clusterhub.exchange.kinds.observations.ObservationImporter",
    "people": "clusterhub.exchange.kinds.people.PersonImporter",
    "experts": "clusterhub.exchange.kinds.experts.ExpertImporter",
}


def importer_class(kind: str):
    """The importer of a kind; `KeyError` for an unknown kind."""
    module_name, class_name = KINDS[kind].rsplit(".", 1)
    return getattr(import_module(module_name), class_name)
