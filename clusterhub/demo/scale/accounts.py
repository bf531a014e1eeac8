"""The accounts step: the demo accounts, attached to generated rows so each has its role."""

from __future__ import annotations

from clusterhub.demo.population import _demo_users
from clusterhub.demo.scale.build import DemoBuild


def generate_accounts(build: DemoBuild) -> None:
    """The same six demo accounts as `make run` (see population.DEMO_ACCOUNTS): the
    coordinator is the Gwangju hub's coordinator, the company account works at a Gwangju
    company, the expert and committee accounts are the first two generated experts.

    They are saved normally, so unlike the bulk rows they do get history.
    """
    _demo_users(
        people=[],
        organizations=build.gwangju_companies,
        experts=build.expert_profiles[:2],
        coordinators=build.hub_coordinators,
    )
    build.report("demo accounts", 6)
