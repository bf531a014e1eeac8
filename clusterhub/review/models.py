"""Evaluation committees (`003_…` 3.2 (4): "an evaluation committee selects").

A *round* gathers applications in committee review and *members* drawn from the expert
pool; *conflicts* of interest are detected from the data and recuse the member from that
application; every other member is *assigned* and writes a *review*: one score per
*criterion* of the round's *rubric*, whose weights add up to 100.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusterhub.core.models import BilingualNameModel, TimeStampedModel, localized

WEIGHT_TOTAL = 100


class Rubric(BilingualNameModel):
    """A scoring sheet: criteria with weights that add up to 100."""

    history = HistoricalRecords()

    class Meta:
        ordering = ["name_ko", "id"]
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")

    def check_weights(self, weights: Iterable[int] | None = None) -> None:
        """Refuse a rubric whose weights do not add up to 100, naming it in the message.

        `weights` lets a form check criteria that are not saved yet.
        """
        if weights is None:
            weights = self.criteria.values_list("weight", flat=True)
        total = sum(weight or 0 for weight in weights)
        if total != WEIGHT_TOTAL:
            raise ValidationError(
                gettext(
                    "The weights of the rubric “%(rubric)s” add up to %(total)s; "
                    "they must add up to 100."
                )
                % {"rubric": self.name, "total": total},
                code="rubric_weights",
            )


class Criterion(TimeStampedModel):
    rubric = models.ForeignKey(
        Rubric, verbose_name=_("rubric"), on_delete=models.CASCADE, related_name="criteria"
    )
    name_ko = models.CharField(_("name (Korean)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        validators=[MinValueValidator(1), MaxValueValidator(WEIGHT_TOTAL)],
        help_text=_("Percent of the total; the weights of a rubric add up to 100."),
    )
    max_score = models.PositiveSmallIntegerField(
        _("maximum score"), validators=[MinValueValidator(1)]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["rubric", "position", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gte=1, weight__lte=WEIGHT_TOTAL),
                name="criterion_weight_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(max_score__gte=1), name="criterion_max_score_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self.name_ko, self.name_en)


class RoundState(models.TextChoices):
    OPEN = "open", _("In progress")
    CLOSED = "closed", _("Closed")


class CommitteeRound(TimeStampedModel):
    """One sitting of an evaluation committee over a set of applications."""

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    support_type = models.ForeignKey(
        "pipeline.SupportType",
        verbose_name=_("support type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committee_rounds",
        help_text=_("Leave empty for a round that reviews several support types."),
    )
    rubric = models.ForeignKey(
        Rubric, verbose_name=_("rubric"), on_delete=models.PROTECT, related_name="rounds"
    )
    quorum = models.PositiveSmallIntegerField(
        _("quorum"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("How many reviewers without a conflict must submit for a result to count."),
    )
    normalize = models.BooleanField(
        _("normalize per reviewer"),
        default=False,
        help_text=_(
            "Combine z-scores instead of raw scores, so a strict and a lenient reviewer "
            "weigh the same."
        ),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=RoundState.choices, default=RoundState.OPEN
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-created_at", "-id"]
        verbose_name = _("committee round")
        verbose_name_plural = _("committee rounds")
        constraints = [
            models.CheckConstraint(condition=models.Q(quorum__gte=1), name="round_quorum_positive")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"

    @property
    def is_open(self) -> bool:
        return self.state == RoundState.OPEN

    def get_absolute_url(self) -> str:
        return reverse("review:round_detail", kwargs={"pk": self.pk})


class CommitteeMember(TimeStampedModel):
    """An expert of the pool sitting on a round's committee."""

    round = models.ForeignKey(
        CommitteeRound,
        verbose_name=_("committee round"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    expert = models.ForeignKey(
        "directory.ExpertProfile",
        verbose_name=_("expert"),
        on_delete=models.PROTECT,
        related_name="committee_seats",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "expert__person__name_ko", "id"]
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [
            models.UniqueConstraint(fields=["round", "expert"], name="one_seat_per_expert")
        ]

    def __str__(self) -> str:
        return str(self.expert.person)

    @property
    def user(self):
        """The member's user account, if their person has one (needed to review online)."""
        try:
            return self.expert.person.user
        except ObjectDoesNotExist:
            return None


class RoundApplication(TimeStampedModel):
    """An application put before a round's committee."""

    round = models.ForeignKey(
        CommitteeRound,
        verbose_name=_("committee round"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    application = models.ForeignKey(
        "pipeline.Application",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="evaluation_entries",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "application__reference", "id"]
        verbose_name = _("application in a round")
        verbose_name_plural = _("applications in a round")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "application"], name="one_entry_per_application"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.application.reference}"


class Assignment(TimeStampedModel):
    """A member asked to review one application of the round."""

    round = models.ForeignKey(
        CommitteeRound,
        verbose_name=_("committee round"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    application = models.ForeignKey(
        "pipeline.Application",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="review_assignments",
    )
    member = models.ForeignKey(
        CommitteeMember,
        verbose_name=_("committee member"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "application__reference", "member__expert__person__name_ko", "id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "application", "member"], name="one_assignment_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application.reference} → {self.member}"

    def get_absolute_url(self) -> str:
        return reverse("review:review_edit", kwargs={"assignment_id": self.pk})


class ConflictReason(models.TextChoices):
    SAME_ORGANIZATION = "same_organization", _("Works at the applicant")
    AFFILIATION = "affiliation", _("Worked at the applicant in the last three years")
    CO_APPLICANT = "co_applicant", _("Works at a consortium participant")
    SAME_SIG = "same_sig", _("Shares a special interest group with the applicant")
    PRIOR_ENGAGEMENT = "prior_engagement", _("Prior engagement with the applicant")


class Conflict(TimeStampedModel):
    """A conflict of interest found in the data; a recused member is not assigned."""

    round = models.ForeignKey(
        CommitteeRound,
        verbose_name=_("committee round"),
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    member = models.ForeignKey(
        CommitteeMember,
        verbose_name=_("committee member"),
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    application = models.ForeignKey(
        "pipeline.Application",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="review_conflicts",
    )
    reason = models.CharField(_("reason"), max_length=30, choices=ConflictReason.choices)
    detail_ko = models.TextField(_("detail (Korean)"), blank=True)
    detail_en = models.TextField(_("detail (English)"), blank=True)
    detected_at = models.DateTimeField(_("detected at"), default=timezone.now)
    recused = models.BooleanField(_("recused"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = [
            "round",
            "application__reference",
            "member__expert__person__name_ko",
            "reason",
            "id",
        ]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "member", "application", "reason"],
                name="one_conflict_per_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} × {self.application.reference}: {self.get_reason_display()}"

    @property
    def detail(self) -> str:
        return localized(self.detail_ko, self.detail_en)


class Review(TimeStampedModel):
    """A member's scores and comment on one assignment; `version` guards against lost updates."""

    assignment = models.OneToOneField(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="review"
    )
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["assignment", "id"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return str(self.assignment)

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class ReviewScore(TimeStampedModel):
    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(_("score"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "criterion__position", "criterion__id"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"
