"""Factories for evaluation committees, on top of the shared ones in `tests/factories.py`."""

import datetime

import factory
from factory.django import DjangoModelFactory

from clusterhub.accounts.models import Role, RoleGrant
from clusterhub.directory.models import Affiliation
from clusterhub.networks.models import SIGMembership
from clusterhub.pipeline.models import Participant, ParticipantRole
from clusterhub.review.models import (
    Assignment,
    CommitteeMember,
    CommitteeRound,
    Criterion,
    Review,
    ReviewScore,
    RoundApplication,
    Rubric,
)
from tests import factories as f


class RubricFactory(DjangoModelFactory):
    """A rubric with two criteria: plan (weight 40, out of 10), impact (weight 60, out of 20).

    Pass `criteria=[(weight, max_score), …]` for others, or `criteria=[]` for none.
    """

    class Meta:
        model = Rubric
        skip_postgeneration_save = True

    name_ko = factory.Sequence(lambda n: f"평가표{n}")
    name_en = factory.Sequence(lambda n: f"Rubric {n}")

    @factory.post_generation
    def criteria(obj, create, extracted, **kwargs):  # noqa: N805 — factory_boy's convention
        specs = [(40, 10), (60, 20)] if extracted is None else extracted
        for position, (weight, max_score) in enumerate(specs):
            Criterion.objects.create(
                rubric=obj,
                name_ko=f"기준{position + 1}",
                name_en=f"Criterion {position + 1}",
                weight=weight,
                max_score=max_score,
                position=position,
            )


class RoundFactory(DjangoModelFactory):
    class Meta:
        model = CommitteeRound

    name = factory.Sequence(lambda n: f"평가위원회 {n}")
    year = 2026
    rubric = factory.SubFactory(RubricFactory)
    quorum = 1


class SeatFactory(DjangoModelFactory):
    """A committee member (named so to stay apart from the committee-member *user* factory)."""

    class Meta:
        model = CommitteeMember

    round = factory.SubFactory(RoundFactory)
    expert = factory.SubFactory(f.ExpertProfileFactory)


class CommitteeApplicationFactory(f.ApplicationFactory):
    """An application waiting for a committee."""

    state = "committee_review"


class RoundApplicationFactory(DjangoModelFactory):
    class Meta:
        model = RoundApplication

    round = factory.SubFactory(RoundFactory)
    application = factory.SubFactory(CommitteeApplicationFactory)


class AssignmentFactory(DjangoModelFactory):
    class Meta:
        model = Assignment

    round = factory.SubFactory(RoundFactory)
    application = factory.SubFactory(CommitteeApplicationFactory)
    member = factory.SubFactory(SeatFactory, round=factory.SelfAttribute("..round"))


class ReviewFactory(DjangoModelFactory):
    class Meta:
        model = Review

    assignment = factory.SubFactory(AssignmentFactory)


class ReviewScoreFactory(DjangoModelFactory):
    class Meta:
        model = ReviewScore


class AffiliationFactory(DjangoModelFactory):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(f.PersonFactory)
    organization = factory.SubFactory(f.OrganizationFactory)
    started_on = datetime.date(2015, 1, 1)


class ParticipantFactory(DjangoModelFactory):
    class Meta:
        model = Participant

    application = factory.SubFactory(f.ApplicationFactory)
    organization = factory.SubFactory(f.OrganizationFactory)
    role = ParticipantRole.PARTNER_COMPANY


class SIGMembershipFactory(DjangoModelFactory):
    class Meta:
        model = SIGMembership

    sig = factory.SubFactory(f.SIGFactory)
    organization = factory.SubFactory(f.OrganizationFactory)
    joined_on = datetime.date(2024, 3, 1)


class ReviewerFactory(f.UserFactory):
    """A committee member who can sign in: a user whose person has an expert profile and the
    committee-member role. `reviewer.person.expert_profile` is the expert to seat."""

    @factory.post_generation
    def profile(obj, create, extracted, **kwargs):  # noqa: N805 — factory_boy's convention
        obj.person = f.ExpertProfileFactory().person
        obj.save()
        RoleGrant.objects.create(user=obj, role=Role.COMMITTEE_MEMBER)


def seat(committee_round, user) -> CommitteeMember:
    """Seat a reviewer user on a round."""
    return SeatFactory(round=committee_round, expert=user.person.expert_profile)


def enter(committee_round, **application_fields):
    """Put a new application (in committee review) before a round."""
    application = CommitteeApplicationFactory(year=committee_round.year, **application_fields)
    RoundApplicationFactory(round=committee_round, application=application)
    return application


def submitted_review(assignment, scores: list[int], *, submitted: bool = True) -> Review:
    """A review with one score per criterion of the round's rubric, in rubric order."""
    review = Review.objects.create(
        assignment=assignment,
        submitted_at=datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC) if submitted else None,
    )
    for criterion, score in zip(assignment.round.rubric.criteria.all(), scores, strict=True):
        ReviewScore.objects.create(review=review, criterion=criterion, score=score)
    return review
