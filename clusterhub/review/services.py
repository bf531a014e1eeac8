"""The only write path for evaluation committees.

Each service asks `policies`, writes in one transaction, and leaves a history row with the
actor and the reason (`round_create`, `round_assign`, `review_save`, …).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from clusterhub.accounts.actors import Actor
from clusterhub.accounts.models import Role, RoleGrant
from clusterhub.core.history import delete_with_reason, history_user, save_with_reason
from clusterhub.directory.models import ExpertProfile
from clusterhub.notifications.services import notify
from clusterhub.pipeline import workflow
from clusterhub.pipeline.models import Application, SupportType
from clusterhub.review import policies, scoring
from clusterhub.review.conflicts import committee_detect_conflicts
from clusterhub.review.models import (
    Assignment,
    CommitteeMember,
    CommitteeRound,
    Conflict,
    Criterion,
    Review,
    ReviewScore,
    RoundApplication,
    RoundState,
    Rubric,
)


class ReviewChangedError(ValidationError):
    """Someone saved the review after this user opened it; nothing was written.

    `current` is the review as saved now, so the page can show it beside the user's input.
    """

    def __init__(self, *, current: Review | None):
        super().__init__(
            _(
                "This review was changed since you opened it. Nothing was saved and your "
                "input is kept below: compare it with the saved version, then save again."
            ),
            code="review_changed",
        )
        self.current = current

    @property
    def current_version(self) -> int:
        return self.current.version if self.current is not None else 0


def _check_manage(actor: Actor, committee_round: CommitteeRound) -> None:
    if not policies.round_can_manage(actor, committee_round):
        raise PermissionDenied


def _check_open(committee_round: CommitteeRound) -> None:
    if not committee_round.is_open:
        raise ValidationError(_("This round is closed."), code="round_closed")


# ---------------------------------------------------------------- rubrics and rounds


@dataclass(frozen=True)
class CriterionInput:
    name_ko: str
    name_en: str
    weight: int
    max_score: int


@transaction.atomic
def rubric_create(
    *, actor: Actor, name_ko: str, name_en: str, criteria: Sequence[CriterionInput]
) -> Rubric:
    """A rubric with its criteria; refused unless the weights add up to 100."""
    if not policies.rubric_can_manage(actor):
        raise PermissionDenied
    rubric = Rubric(name_ko=name_ko, name_en=name_en)
    rubric.check_weights([criterion.weight for criterion in criteria])
    save_with_reason(rubric, actor=actor, reason="rubric_create")
    for position, spec in enumerate(criteria):
        criterion = Criterion(
            rubric=rubric,
            name_ko=spec.name_ko,
            name_en=spec.name_en,
            weight=spec.weight,
            max_score=spec.max_score,
            position=position,
        )
        save_with_reason(criterion, actor=actor, reason="rubric_create")
    return rubric


@transaction.atomic
def round_create(
    *,
    actor: Actor,
    name: str,
    year: int,
    rubric: Rubric,
    quorum: int = 3,
    normalize: bool = False,
    support_type: SupportType | None = None,
) -> CommitteeRound:
    """Open a round under a rubric whose weights add up to 100."""
    if not policies.round_can_create(actor):
        raise PermissionDenied
    try:
        rubric.check_weights()
    except ValidationError as error:
        raise ValidationError({"rubric": error.messages}) from error
    committee_round = CommitteeRound(
        name=name,
        year=year,
        rubric=rubric,
        quorum=quorum,
        normalize=normalize,
        support_type=support_type,
        created_by=history_user(actor),
    )
    save_with_reason(committee_round, actor=actor, reason="round_create")
    return committee_round


@transaction.atomic
def round_add_member(
    *, actor: Actor, round: CommitteeRound, expert: ExpertProfile
) -> CommitteeMember:
    """Seat an expert of the pool on the committee, and check them for conflicts.

    The expert's user (if their person has one) is granted the committee-member role, which
    lets them open the applications assigned to them.
    """
    committee_round = round
    _check_manage(actor, committee_round)
    _check_open(committee_round)
    name = expert.person.name
    if not expert.is_available:
        raise ValidationError(
            {"expert": _("%(name)s is marked as not available.") % {"name": name}}
        )
    if committee_round.members.filter(expert=expert).exists():
        raise ValidationError(
            {"expert": _("%(name)s already sits on this committee.") % {"name": name}}
        )
    member = CommitteeMember(round=committee_round, expert=expert)
    save_with_reason(member, actor=actor, reason="round_add_member")
    user = member.user
    if user is not None and not user.role_grants.filter(role=Role.COMMITTEE_MEMBER).exists():
        grant = RoleGrant(user=user, role=Role.COMMITTEE_MEMBER)
        save_with_reason(grant, actor=actor, reason="round_add_member")
    committee_detect_conflicts(round=committee_round, actor=actor)
    return member


@transaction.atomic
def round_add_applications(
    *, actor: Actor, round: CommitteeRound, applications: Iterable[Application]
) -> list[RoundApplication]:
    """Put applications in committee review before the round, and check for conflicts."""
    committee_round = round
    _check_manage(actor, committee_round)
    _check_open(committee_round)
    chosen = list(
        Application.objects.filter(pk__in=[application.pk for application in applications])
        .select_related("mini_cluster__hub", "support_type")
        .order_by("reference")
    )
    for application in chosen:
        if not policies.application_can_enter_round(actor, application):
            raise PermissionDenied
    elsewhere = set(
        RoundApplication.objects.filter(
            application__in=chosen, round__state=RoundState.OPEN
        ).values_list("application_id", flat=True)
    )
    problems = []
    for application in chosen:
        values = {"reference": application.reference}
        if application.state != workflow.State.COMMITTEE_REVIEW:
            problems.append(_("%(reference)s is not in committee review.") % values)
        elif application.pk in elsewhere:
            problems.append(_("%(reference)s is already before an open round.") % values)
        elif application.year != committee_round.year:
            problems.append(
                _("%(reference)s is an application for %(year)s, not %(round_year)s.")
                % {**values, "year": application.year, "round_year": committee_round.year}
            )
        elif (
            committee_round.support_type_id
            and application.support_type_id != committee_round.support_type_id
        ):
            problems.append(
                _("%(reference)s is for another support type (%(support_type)s).")
                % {**values, "support_type": application.support_type.name}
            )
    if problems:
        raise ValidationError({"applications": problems})
    entries = []
    for application in chosen:
        entry = RoundApplication(round=committee_round, application=application)
        save_with_reason(entry, actor=actor, reason="round_add_applications")
        entries.append(entry)
    committee_detect_conflicts(round=committee_round, actor=actor)
    return entries


@transaction.atomic
def round_detect_conflicts(*, actor: Actor, round: CommitteeRound) -> list[Conflict]:
    """Run conflict detection again, e.g. after affiliations or memberships changed."""
    _check_manage(actor, round)
    _check_open(round)
    return committee_detect_conflicts(round=round, actor=actor)


@transaction.atomic
def round_assign(
    *,
    actor: Actor,
    round: CommitteeRound,
    applications: Iterable[Application] | None = None,
    members: Iterable[CommitteeMember] | None = None,
) -> list[Assignment]:
    """Assign every member without a conflict to every application of the round (or to the
    given ones), skipping assignments that exist; notify each newly assigned user once."""
    committee_round = round
    _check_manage(actor, committee_round)
    _check_open(committee_round)
    committee_detect_conflicts(round=committee_round, actor=actor)
    entries = list(
        committee_round.entries.select_related("application").order_by("application__reference")
    )
    seated = list(committee_round.members.select_related("expert__person__user"))
    if applications is not None:
        wanted = {application.pk for application in applications}
        if wanted - {entry.application_id for entry in entries}:
            raise ValidationError(
                {"applications": _("Only applications of this round can be assigned.")}
            )
        entries = [entry for entry in entries if entry.application_id in wanted]
    if members is not None:
        wanted = {member.pk for member in members}
        if wanted - {member.pk for member in seated}:
            raise ValidationError({"members": _("Only members of this committee can be assigned.")})
        seated = [member for member in seated if member.pk in wanted]
    recused = set(
        committee_round.conflicts.filter(recused=True).values_list("member_id", "application_id")
    )
    taken = recused | set(committee_round.assignments.values_list("member_id", "application_id"))
    new = [
        Assignment(round=committee_round, application=entry.application, member=member)
        for entry in entries
        for member in seated
        if (member.pk, entry.application_id) not in taken
    ]
    created = bulk_create_with_history(
        new,
        Assignment,
        default_user=history_user(actor),
        default_change_reason="round_assign",
    )
    _notify_assigned(committee_round, new)
    return created


def _notify_assigned(committee_round: CommitteeRound, assignments: list[Assignment]) -> None:
    counts = Counter(assignment.member for assignment in assignments)
    link = reverse("review:my_reviews")
    for member, count in counts.items():
        notify(
            users=[member.user],
            event="review_assigned",
            message_ko=f"평가위원회 「{committee_round.name}」에서 신청서 {count}건의 평가가 "
            "배정되었습니다.",
            message_en=f"You have {count} application(s) to review in the committee round "
            f"“{committee_round.name}”.",
            link=link,
        )


@transaction.atomic
def round_close(*, actor: Actor, round: CommitteeRound) -> CommitteeRound:
    """Close the round once every application reached the quorum; reviews freeze."""
    committee_round = round
    _check_manage(actor, committee_round)
    if not committee_round.is_open:
        raise ValidationError(_("This round is already closed."), code="round_closed")
    short = [
        result.application.reference
        for result in scoring.round_results(round=committee_round)
        if not result.quorum_met
    ]
    if short:
        raise ValidationError(
            _(
                "The round cannot close: fewer than %(quorum)s reviewers have submitted "
                "for %(references)s."
            )
            % {"quorum": committee_round.quorum, "references": ", ".join(sorted(short))},
            code="quorum_not_met",
        )
    committee_round.state = RoundState.CLOSED
    committee_round.closed_at = timezone.now()
    save_with_reason(
        committee_round,
        actor=actor,
        reason="round_close",
        update_fields=["state", "closed_at", "updated_at"],
    )
    return committee_round


# ---------------------------------------------------------------- reviews


def review_save(
    *,
    actor: Actor,
    assignment: Assignment,
    scores: Mapping[int, int | None],
    comment: str,
    version: int,
) -> Review:
    """Save a draft review. `version` is the one the reviewer opened (0 for a new review);
    if the review changed since, nothing is written and `ReviewChangedError` is raised."""
    return _review_write(
        actor=actor,
        assignment=assignment,
        scores=scores,
        comment=comment,
        version=version,
        submit=False,
    )


def review_submit(
    *,
    actor: Actor,
    assignment: Assignment,
    scores: Mapping[int, int | None],
    comment: str,
    version: int,
) -> Review:
    """Save and submit a review; every criterion must be scored. A submitted review counts
    towards the quorum and can no longer be changed."""
    return _review_write(
        actor=actor,
        assignment=assignment,
        scores=scores,
        comment=comment,
        version=version,
        submit=True,
    )


@transaction.atomic
def _review_write(
    *,
    actor: Actor,
    assignment: Assignment,
    scores: Mapping[int, int | None],
    comment: str,
    version: int,
    submit: bool,
) -> Review:
    if not policies.assignment_can_review(actor, assignment):
        raise PermissionDenied
    # Lock the assignment so two saves of its review run one after the other.
    locked = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("round__rubric")
        .get(pk=assignment.pk)
    )
    if not locked.round.is_open:
        raise ValidationError(
            _("This round is closed; its reviews can no longer be changed."), code="round_closed"
        )
    review = Review.objects.filter(assignment=locked).first()
    if version != (review.version if review is not None else 0):
        raise ReviewChangedError(current=review)
    if review is not None and review.is_submitted:
        raise ValidationError(
            _("This review has been submitted and can no longer be changed."), code="submitted"
        )
    criteria = list(locked.round.rubric.criteria.all())
    cleaned = _clean_scores(scores, criteria, require_all=submit)

    if review is None:
        review = Review(assignment=locked, version=1)
    else:
        review.version += 1
    review.comment = comment
    if submit:
        review.submitted_at = timezone.now()
    reason = "review_submit" if submit else "review_save"
    save_with_reason(review, actor=actor, reason=reason)
    stored = {score.criterion_id: score for score in review.scores.all()}
    for criterion in criteria:
        value, score = cleaned.get(criterion.pk), stored.get(criterion.pk)
        if value is None and score is not None:
            delete_with_reason(score, actor=actor, reason=reason)
        elif value is not None and score is None:
            score = ReviewScore(review=review, criterion=criterion, score=value)
            save_with_reason(score, actor=actor, reason=reason, clean=False)
        elif value is not None and score.score != value:
            score.score = value
            save_with_reason(
                score, actor=actor, reason=reason, update_fields=["score", "updated_at"]
            )
    return review


def _clean_scores(
    scores: Mapping[int, int | None], criteria: list[Criterion], *, require_all: bool
) -> dict[int, int]:
    """Whole points between 0 and each criterion's maximum; all of them to submit."""
    by_pk = {criterion.pk: criterion for criterion in criteria}
    unknown = {int(pk) for pk in scores} - by_pk.keys()
    if unknown:
        raise ValidationError(_("A score names a criterion that is not in this rubric."))
    errors: dict[str, str] = {}
    cleaned: dict[int, int] = {}
    for pk, value in scores.items():
        criterion = by_pk[int(pk)]
        if value is None or value == "":
            continue
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not (0 <= value <= criterion.max_score)
        ):
            errors[f"score_{criterion.pk}"] = _(
                "The score for “%(criterion)s” must be a whole number from 0 to %(max)s."
            ) % {"criterion": criterion.name, "max": criterion.max_score}
            continue
        cleaned[criterion.pk] = value
    if require_all:
        for criterion in criteria:
            if criterion.pk not in cleaned and f"score_{criterion.pk}" not in errors:
                errors[f"score_{criterion.pk}"] = _("Score “%(criterion)s” before submitting.") % {
                    "criterion": criterion.name
                }
    if errors:
        raise ValidationError(errors)
    return cleaned
