"""Fetching the parts of an application: only through an application the actor may see."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from clusterhub.accounts.actors import actor_for
from clusterhub.pipeline import policies
from clusterhub.pipeline.models import Milestone, Participant
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def application():
    return f.ApplicationFactory(state="execution")


def test_a_milestone_is_fetched_only_through_its_own_application(application):
    # given a milestone of this application and one of another
    milestone = Milestone.objects.create(
        application=application, title="Prototype", due_on="2026-12-01"
    )
    elsewhere = Milestone.objects.create(
        application=f.ApplicationFactory(), title="Pilot", due_on="2026-12-01"
    )
    office = actor_for(f.ProgramOfficeFactory())
    # when / then: found through its application, with the application attached, locked
    with transaction.atomic():
        found = policies.access_milestone(office, application.pk, milestone.pk, for_write=True)
    assert (found, found.application) == (milestone, application)
    # through another application it is not found; someone who may not see it is refused
    with pytest.raises(Http404):
        policies.access_milestone(office, application.pk, elsewhere.pk)
    with pytest.raises(PermissionDenied):
        policies.access_milestone(actor_for(f.UserFactory()), application.pk, milestone.pk)


def test_a_participant_is_fetched_only_through_its_own_application(application):
    participant = Participant.objects.create(
        application=application, organization=f.OrganizationFactory(), role="university"
    )
    office = actor_for(f.ProgramOfficeFactory())
    with transaction.atomic():
        found = policies.access_participant(office, application.pk, participant.pk, for_write=True)
    assert (found, found.application) == (participant, application)
    with pytest.raises(Http404):
        policies.access_participant(office, f.ApplicationFactory().pk, participant.pk)
