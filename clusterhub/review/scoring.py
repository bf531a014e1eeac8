"""A round's results, with the calculation shown.

Each submitted review gives a *weighted score* out of 100: the sum over the rubric's criteria
of score ÷ maximum × weight. A round may *normalize per reviewer*: each weighted score becomes
a z-score, (score − the reviewer's mean) ÷ the reviewer's standard deviation, both taken over
that reviewer's submitted reviews in the round (population standard deviation; a reviewer
whose scores are all equal, or who submitted one review, gives z = 0). An application's
*combined score* is the mean over its reviewers of the weighted scores, or of the z-scores
when normalized. A result counts only when at least `quorum` reviewers submitted.

Only drafts are left out; reviews of recused members do not exist (see `conflicts`).
`round_results` loads everything in a fixed number of queries and hands plain data to the
pure functions below, which the tests check with exact numbers.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from clusterhub.pipeline.models import Application
from clusterhub.review.models import (
    Assignment,
    CommitteeRound,
    ReviewScore,
)


@dataclass(frozen=True)
class CriterionSpec:
    pk: int
    name: str
    weight: int
    max_score: int


@dataclass(frozen=True)
class Term:
    """One criterion's part of a weighted score: score ÷ maximum × weight."""

    criterion: str
    score: int
    max_score: int
    weight: int

    @property
    def points(self) -> float:
        return self.score / self.max_score * self.weight

    @property
    def text(self) -> str:
        return f"{self.score}/{self.max_score} × {self.weight}"


@dataclass(frozen=True)
class SubmittedReview:
    member_id: int
    reviewer: str
    application_id: int
    scores: Mapping[int, int]


@dataclass(frozen=True)
class ReviewerScore:
    member_id: int
    reviewer: str
    terms: tuple[Term, ...]
    weighted: float
    # Present when the round normalizes: the reviewer's mean and standard deviation.
    mean: float | None = None
    stdev: float | None = None
    z: float | None = None

    @property
    def value(self) -> float:
        """What enters the combined score: the z-score when normalized, else the weighted."""
        return self.weighted if self.z is None else self.z

    @property
    def formula(self) -> str:
        products = " + ".join(term.text for term in self.terms)
        points = " + ".join(f"{term.points:.2f}" for term in self.terms)
        return f"{products} = {points} = {self.weighted:.2f}"

    @property
    def z_formula(self) -> str:
        if self.z is None:
            return ""
        if not self.stdev:
            return f"σ = 0 → z = {self.z:.2f}"
        return f"({self.weighted:.2f} − {self.mean:.2f}) / {self.stdev:.2f} = {self.z:.2f}"


@dataclass(frozen=True)
class ApplicationResult:
    application: Application
    reviewers: tuple[ReviewerScore, ...]
    eligible: int
    quorum: int
    normalized: bool
    raw_mean: float | None
    combined: float | None
    rank: int | None = None

    @property
    def submitted(self) -> int:
        return len(self.reviewers)

    @property
    def quorum_met(self) -> bool:
        return self.submitted >= self.quorum

    @property
    def quorum_reachable(self) -> bool:
        return self.eligible >= self.quorum

    @property
    def combined_formula(self) -> str:
        if not self.reviewers:
            return ""
        values = " + ".join(f"{reviewer.value:.2f}" for reviewer in self.reviewers)
        return f"({values}) / {len(self.reviewers)} = {self.combined:.2f}"


def weighted_score(
    scores: Mapping[int, int], criteria: Sequence[CriterionSpec]
) -> tuple[float, tuple[Term, ...]]:
    """Σ score ÷ maximum × weight over the rubric's criteria, with its terms."""
    terms = tuple(
        Term(
            criterion=criterion.name,
            score=scores.get(criterion.pk, 0),
            max_score=criterion.max_score,
            weight=criterion.weight,
        )
        for criterion in criteria
    )
    return sum(term.points for term in terms), terms


def reviewer_statistics(values: Sequence[float]) -> tuple[float, float]:
    """Mean and population standard deviation of one reviewer's weighted scores."""
    return statistics.fmean(values), statistics.pstdev(values)


def z_score(value: float, mean: float, stdev: float) -> float:
    """How many standard deviations above the reviewer's own mean; 0 when they never vary."""
    if stdev == 0:
        return 0.0
    return (value - mean) / stdev


def combine_results(
    *,
    criteria: Sequence[CriterionSpec],
    applications: Sequence[Application],
    reviews: Sequence[SubmittedReview],
    eligible: Mapping[int, int],
    quorum: int,
    normalize: bool,
) -> list[ApplicationResult]:
    """The results of a round from its loaded data, ranked; no database access."""
    weighted = {}
    by_member: dict[int, list[float]] = defaultdict(list)
    for review in reviews:
        value, terms = weighted_score(review.scores, criteria)
        weighted[(review.member_id, review.application_id)] = (value, terms)
        by_member[review.member_id].append(value)
    member_stats = {
        member_id: reviewer_statistics(values) for member_id, values in by_member.items()
    }

    per_application: dict[int, list[ReviewerScore]] = defaultdict(list)
    for review in reviews:
        value, terms = weighted[(review.member_id, review.application_id)]
        extra = {}
        if normalize:
            mean, stdev = member_stats[review.member_id]
            extra = {"mean": mean, "stdev": stdev, "z": z_score(value, mean, stdev)}
        per_application[review.application_id].append(
            ReviewerScore(
                member_id=review.member_id,
                reviewer=review.reviewer,
                terms=terms,
                weighted=value,
                **extra,
            )
        )

    results = []
    for application in applications:
        lines = tuple(sorted(per_application.get(application.pk, []), key=lambda r: r.reviewer))
        raw_mean = statistics.fmean([line.weighted for line in lines]) if lines else None
        combined = statistics.fmean([line.value for line in lines]) if lines else None
        results.append(
            ApplicationResult(
                application=application,
                reviewers=lines,
                eligible=eligible.get(application.pk, 0),
                quorum=quorum,
                normalized=normalize,
                raw_mean=raw_mean,
                combined=combined,
            )
        )
    return _ranked(results)


def _ranked(results: list[ApplicationResult]) -> list[ApplicationResult]:
    """Quorate results first, best combined score first; equal scores share a rank."""
    results.sort(
        key=lambda r: (
            not r.quorum_met,
            r.combined is None,
            -(r.combined or 0),
            r.application.reference,
        )
    )
    ranked, rank, previous = [], 0, None
    for position, result in enumerate(results, start=1):
        if not result.quorum_met:
            ranked.append(result)
            continue
        key = round(result.combined, 6)
        if key != previous:
            rank, previous = position, key
        ranked.append(replace(result, rank=rank))
    return ranked


def round_results(*, round: CommitteeRound) -> list[ApplicationResult]:
    """Load a round's criteria, applications and submitted reviews (six queries) and
    combine them."""
    committee_round = round
    criteria = [
        CriterionSpec(pk=c.pk, name=c.name, weight=c.weight, max_score=c.max_score)
        for c in committee_round.rubric.criteria.all()
    ]
    applications = [
        entry.application
        for entry in committee_round.entries.select_related("application__organization")
    ]
    scores: dict[int, dict[int, int]] = defaultdict(dict)
    for review_id, criterion_id, score in ReviewScore.objects.filter(
        review__assignment__round=committee_round, review__submitted_at__isnull=False
    ).values_list("review_id", "criterion_id", "score"):
        scores[review_id][criterion_id] = score
    reviews = [
        SubmittedReview(
            member_id=assignment.member_id,
            reviewer=assignment.member.expert.person.name,
            application_id=assignment.application_id,
            scores=scores.get(assignment.review.pk, {}),
        )
        for assignment in Assignment.objects.filter(
            round=committee_round, review__submitted_at__isnull=False
        ).select_related("member__expert__person", "review")
    ]
    member_count = committee_round.members.count()
    recused: dict[int, set[int]] = defaultdict(set)
    for member_id, application_id in committee_round.conflicts.filter(recused=True).values_list(
        "member_id", "application_id"
    ):
        recused[application_id].add(member_id)
    eligible = {
        application.pk: member_count - len(recused[application.pk]) for application in applications
    }
    return combine_results(
        criteria=criteria,
        applications=applications,
        reviews=reviews,
        eligible=eligible,
        quorum=committee_round.quorum,
        normalize=committee_round.normalize,
    )
