"""Reads for the directory: the search's list, counts, a profile's memberships, expertise."""

from __future__ import annotations

from django.db.models import QuerySet

from clusterhub.directory.models import ExpertProfile, Organization


def organization_list() -> QuerySet[Organization]:
    """Every organization with what a result row shows, in Korean name order."""
    return Organization.objects.select_related("complex", "zone", "industry").order_by(
        "name_ko", "pk"
    )


def organization_count_in_complex(*, complex_) -> int:
    """How many organizations of the directory are in the complex."""
    return Organization.objects.filter(complex=complex_).count()


def organization_mini_cluster_memberships(*, organization: Organization) -> QuerySet:
    """The organization's mini-cluster memberships, past ones included, with each hub.

    Read through the reverse relation: networks sits above the directory.
    """
    return organization.miniclustermembership_set.select_related("mini_cluster__hub")


def organization_for_profile_form(*, organization: Organization) -> Organization:
    """A fresh copy of the organization for the profile form to fill in.

    The form writes its cleaned values onto its instance; the service compares them with
    the organization as it was fetched, so the two must be separate objects.
    """
    return Organization.objects.get(pk=organization.pk)


def person_is_expert(person_id: int) -> bool:
    """Whether the person has an expert profile (the expert role of `accounts.actors`)."""
    return ExpertProfile.objects.filter(person_id=person_id).exists()
