"""Weighted scores, per-reviewer z-scores and quorum, with exact numbers."""

import pytest

from clusterhub.review.scoring import (
    CriterionSpec,
    combine_results,
    reviewer_statistics,
    round_results,
    weighted_score,
    z_score,
)
from tests.review import factories as rf

# The default rubric of the factories: plan (weight 40, out of 10), impact (weight 60, out of 20).
PLAN = CriterionSpec(pk=1, name="Plan", weight=40, max_score=10)
IMPACT = CriterionSpec(pk=2, name="Impact", weight=60, max_score=20)


def test_the_weighted_score_is_the_sum_of_score_over_maximum_times_weight():
    # when 8/10 on plan and 15/20 on impact
    value, terms = weighted_score({1: 8, 2: 15}, [PLAN, IMPACT])
    # then 8/10 × 40 + 15/20 × 60 = 32 + 45 = 77
    assert value == pytest.approx(77.0)
    assert [term.points for term in terms] == pytest.approx([32.0, 45.0])


def test_the_z_score_of_a_reviewer_who_never_varies_is_zero():
    mean, stdev = reviewer_statistics([70.0, 70.0])
    assert (mean, stdev) == (70.0, 0.0)
    assert z_score(70.0, mean, stdev) == 0.0


def test_the_reviewer_statistics_use_the_population_standard_deviation():
    assert reviewer_statistics([50.0, 40.0]) == pytest.approx((45.0, 5.0))


@pytest.mark.django_db
def test_round_results_show_the_calculation_and_meet_the_quorum():
    # given a round with quorum 2 and two submitted reviews of one application
    committee_round = rf.RoundFactory(quorum=2)
    application = rf.enter(committee_round)
    for scores in ([8, 15], [10, 20]):
        assignment = rf.AssignmentFactory(round=committee_round, application=application)
        rf.submitted_review(assignment, scores)
    # when
    (result,) = round_results(round=committee_round)
    # then (77 + 100) / 2 = 88.5
    assert result.quorum_met
    assert result.rank == 1
    assert result.combined == pytest.approx(88.5)
    formulas = sorted(line.formula for line in result.reviewers)
    assert formulas == [
        "10/10 × 40 + 20/20 × 60 = 40.00 + 60.00 = 100.00",
        "8/10 × 40 + 15/20 × 60 = 32.00 + 45.00 = 77.00",
    ]
    assert result.combined_formula in {
        "(77.00 + 100.00) / 2 = 88.50",
        "(100.00 + 77.00) / 2 = 88.50",
    }


@pytest.mark.django_db
def test_drafts_do_not_count_and_an_application_short_of_the_quorum_is_not_ranked():
    # given quorum 2: one submitted review and one draft
    committee_round = rf.RoundFactory(quorum=2)
    application = rf.enter(committee_round)
    submitted = rf.AssignmentFactory(round=committee_round, application=application)
    rf.submitted_review(submitted, [8, 15])
    draft = rf.AssignmentFactory(round=committee_round, application=application)
    rf.submitted_review(draft, [1, 1], submitted=False)
    # when
    (result,) = round_results(round=committee_round)
    # then
    assert result.submitted == 1
    assert not result.quorum_met
    assert result.rank is None
    assert result.combined == pytest.approx(77.0)


def _review(member_id, application_id, plan, impact):
    from clusterhub.review.scoring import SubmittedReview

    return SubmittedReview(
        member_id=member_id,
        reviewer=f"Reviewer {member_id}",
        application_id=application_id,
        scores={PLAN.pk: plan, IMPACT.pk: impact},
    )


class _Application:
    def __init__(self, pk, reference):
        self.pk, self.reference = pk, reference


def test_normalization_per_reviewer_corrects_a_strict_and_a_lenient_reviewer():
    # given a strict reviewer (X: 50, Y: 40) and a lenient one (Y: 90, Z: 80)
    x, y, z = _Application(1, "X"), _Application(2, "Y"), _Application(3, "Z")
    reviews = [
        _review(1, x.pk, 5, 10),  # 20 + 30 = 50
        _review(1, y.pk, 4, 8),  # 16 + 24 = 40
        _review(2, y.pk, 9, 18),  # 36 + 54 = 90
        _review(2, z.pk, 8, 16),  # 32 + 48 = 80
    ]
    common = {
        "criteria": [PLAN, IMPACT],
        "applications": [x, y, z],
        "reviews": reviews,
        "eligible": {1: 2, 2: 2, 3: 2},
        "quorum": 1,
    }
    # when
    raw = combine_results(**common, normalize=False)
    normalized = combine_results(**common, normalize=True)
    # then raw means rank Z (80) > Y (65) > X (50) …
    assert [(r.application.reference, r.combined) for r in raw] == [
        ("Z", pytest.approx(80.0)),
        ("Y", pytest.approx(65.0)),
        ("X", pytest.approx(50.0)),
    ]
    # … while z-scores (strict: mean 45, σ 5; lenient: mean 85, σ 5) rank X (1) > Y (0) > Z (−1)
    assert [(r.application.reference, r.combined, r.rank) for r in normalized] == [
        ("X", pytest.approx(1.0), 1),
        ("Y", pytest.approx(0.0), 2),
        ("Z", pytest.approx(-1.0), 3),
    ]
    y_result = normalized[1]
    assert y_result.raw_mean == pytest.approx(65.0)
    assert sorted(line.z_formula for line in y_result.reviewers) == [
        "(40.00 − 45.00) / 5.00 = -1.00",
        "(90.00 − 85.00) / 5.00 = 1.00",
    ]
    assert y_result.combined_formula == "(-1.00 + 1.00) / 2 = 0.00"


def test_equal_combined_scores_share_a_rank():
    x, y = _Application(1, "X"), _Application(2, "Y")
    results = combine_results(
        criteria=[PLAN, IMPACT],
        applications=[x, y],
        reviews=[_review(1, x.pk, 5, 10), _review(2, y.pk, 5, 10)],
        eligible={1: 2, 2: 2},
        quorum=1,
        normalize=False,
    )
    assert [r.rank for r in results] == [1, 1]


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 4])
def test_round_results_take_a_fixed_number_of_queries(django_assert_num_queries, size):
    # given a round of `size` applications, each reviewed by two members
    committee_round = rf.RoundFactory(quorum=1, normalize=True)
    members = [rf.SeatFactory(round=committee_round) for _ in range(2)]
    for _ in range(size):
        application = rf.enter(committee_round)
        for member in members:
            assignment = rf.AssignmentFactory(
                round=committee_round, application=application, member=member
            )
            rf.submitted_review(assignment, [5, 10])
    # when / then
    with django_assert_num_queries(6):
        results = round_results(round=committee_round)
    assert len(results) == size
