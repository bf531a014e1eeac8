"""Customer satisfaction surveys (`003_…` [2010 index system]: "Satisfaction of participants
(experts including companies, associated organizations)", 10% of the evaluation, and from
2009 "continuous monitoring of customer satisfaction").

A *survey* targets one mini cluster, hub complex, zone or the whole program for a year and
asks its *questions* (1–5 agreement, or free text) of one or more audiences. Opening it
sends each person of those audiences a personal *invitation*: a random token that is their
only credential to answer. Each invitation gets at most one *response*.

Anonymous surveys keep answers apart from people: the response is stored without its
invitation, and both the invitation's `responded_at` and the response's `submitted_at` keep
only the day, so neither the link nor the clock can pair them. For the same reason
invitations, responses and answers carry no change history (its timestamps would pair them
again); they are written once and never edited.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusterhub.core.models import DemoMarkedModel, TimeStampedModel, localized

LIKERT_MIN, LIKERT_MAX = 1, 5


class SurveyLevel(models.TextChoices):
    MINI_CLUSTER = "mini_cluster", _("Mini cluster")
    COMPLEX = "complex", _("Hub complex")
    ZONE = "zone", _("Pan-regional zone")
    PROGRAM = "program", _("Whole program")


# The target field each level needs; the program needs none.
LEVEL_FIELDS: dict[str, str | None] = {
    SurveyLevel.MINI_CLUSTER: "mini_cluster",
    SurveyLevel.COMPLEX: "complex",
    SurveyLevel.ZONE: "zone",
    SurveyLevel.PROGRAM: None,
}
TARGET_FIELDS = ("mini_cluster", "complex", "zone")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")


class Audience(models.TextChoices):
    """Who is asked. A person reached through several audiences is invited once, under the
    first of them in this order."""

    COMPANIES = "companies", _("Companies after a completed project")
    MEMBERS = "members", _("Mini-cluster members")
    EXPERTS = "experts", _("Experts")


AUDIENCE_FIELDS: dict[str, str] = {
    Audience.COMPANIES: "audience_companies",
    Audience.MEMBERS: "audience_members",
    Audience.EXPERTS: "audience_experts",
}


class QuestionKind(models.TextChoices):
    LIKERT5 = "likert5", _("Rating from 1 to 5")
    TEXT = "text", _("Free text")


def _target_condition(level: str) -> models.Q:
    wanted = LEVEL_FIELDS[level]
    condition = models.Q(level=level)
    for name in TARGET_FIELDS:
        condition &= models.Q(**{f"{name}__isnull": name != wanted})
    return condition


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Survey(TimeStampedModel, DemoMarkedModel):
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    intro_ko = models.TextField(_("introduction (Korean)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), help_text=_("The program year whose satisfaction the survey measures.")
    )
    level = models.CharField(_("surveyed level"), max_length=20, choices=SurveyLevel.choices)
    mini_cluster = models.ForeignKey(
        "networks.MiniCluster",
        verbose_name=_("mini cluster"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys",
    )
    complex = models.ForeignKey(
        "geography.Complex",
        verbose_name=_("hub complex"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys",
    )
    zone = models.ForeignKey(
        "geography.Zone",
        verbose_name=_("pan-regional zone"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys",
    )
    audience_companies = models.BooleanField(
        _("companies after a completed project"),
        default=False,
        help_text=_(
            "The people of the applicant and the consortium participants of projects "
            "completed (or continued, or in follow-up) in the survey year, within the target."
        ),
    )
    audience_members = models.BooleanField(
        _("mini-cluster members"),
        default=False,
        help_text=_("The people of organizations currently members of the target's mini clusters."),
    )
    audience_experts = models.BooleanField(
        _("experts"),
        default=False,
        help_text=_(
            "Experts of the pool who reviewed a project of the target in the survey year, "
            "or who work at an organization within the target."
        ),
    )
    is_anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("Answers are stored without any link to the person who gave them."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    opens_on = models.DateField(_("opened on"), null=True, blank=True)
    closes_on = models.DateField(
        _("closes on"),
        null=True,
        blank=True,
        help_text=_("The last day answers are accepted. Leave empty to close it by hand."),
    )
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
        ordering = ["-year", "-id"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=_target_condition(SurveyLevel.MINI_CLUSTER)
                | _target_condition(SurveyLevel.COMPLEX)
                | _target_condition(SurveyLevel.ZONE)
                | _target_condition(SurveyLevel.PROGRAM),
                name="survey_target_matches_level",
            ),
            models.CheckConstraint(
                condition=models.Q(closes_on__isnull=True)
                | models.Q(opens_on__isnull=True)
                | models.Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_opening",
            ),
        ]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        return f"{self.year} {self.title}"

    @property
    def title(self) -> str:
        return localized(self.title_ko, self.title_en)

    @property
    def intro(self) -> str:
        return localized(self.intro_ko, self.intro_en)

    @property
    def target(self):
        """The mini cluster, complex or zone surveyed; None for the whole program."""
        field = LEVEL_FIELDS.get(self.level)
        return getattr(self, field) if field else None

    @property
    def target_label(self) -> str:
        target = self.target
        return str(target) if target is not None else str(SurveyLevel.PROGRAM.label)

    @property
    def audiences(self) -> list[str]:
        return [audience for audience, field in AUDIENCE_FIELDS.items() if getattr(self, field)]

    @property
    def audience_labels(self) -> list[str]:
        return [Audience(audience).label for audience in self.audiences]

    @property
    def is_draft(self) -> bool:
        return self.status == SurveyStatus.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == SurveyStatus.CLOSED

    def clean(self) -> None:
        """Exactly the target the level names is set; the program has none."""
        errors = {}
        wanted = LEVEL_FIELDS.get(self.level)
        for name in TARGET_FIELDS:
            is_set = getattr(self, f"{name}_id") is not None
            if name == wanted and not is_set:
                errors[name] = _("Choose the %(target)s this survey is about.") % {
                    "target": self._meta.get_field(name).verbose_name
                }
            elif name != wanted and is_set:
                errors[name] = _("Leave this empty: the survey is about “%(level)s”.") % {
                    "level": SurveyLevel(self.level).label if self.level else "?"
                }
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("The survey cannot close before it opens.")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        return reverse("surveys:survey_detail", kwargs={"pk": self.pk})


class Question(TimeStampedModel):
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text_ko = models.CharField(_("question (Korean)"), max_length=500)
    text_en = models.CharField(_("question (English)"), max_length=500)
    kind = models.CharField(
        _("kind of answer"),
        max_length=10,
        choices=QuestionKind.choices,
        default=QuestionKind.LIKERT5,
    )
    required = models.BooleanField(_("answer required"), default=True)
    counts_toward_satisfaction = models.BooleanField(
        _("counts toward satisfaction"),
        default=True,
        help_text=_("Ratings of this question make up the satisfaction score (ratings only)."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["survey", "position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=QuestionKind.LIKERT5)
                | models.Q(counts_toward_satisfaction=False),
                name="only_ratings_count_toward_satisfaction",
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return localized(self.text_ko, self.text_en)

    @property
    def number(self) -> int:
        return self.position + 1

    @property
    def is_likert(self) -> bool:
        return self.kind == QuestionKind.LIKERT5

    def clean(self) -> None:
        if self.kind != QuestionKind.LIKERT5 and self.counts_toward_satisfaction:
            raise ValidationError(
                {
                    "counts_toward_satisfaction": _(
                        "Only ratings from 1 to 5 count toward satisfaction."
                    )
                }
            )


class Invitation(models.Model):
    """One person asked to answer one survey; the token in their link is their credential."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="invitations"
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="survey_invitations",
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    sent_at = models.DateTimeField(_("sent at"))
    responded_at = models.DateTimeField(
        _("responded at"),
        null=True,
        blank=True,
        help_text=_("For anonymous surveys only the day is kept."),
    )

    class Meta:
        ordering = ["survey", "audience", "id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["survey", "person"], name="one_invitation_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.survey} → {self.person}"

    def get_absolute_url(self) -> str:
        return reverse("surveys:respond", kwargs={"token": self.token})

    @property
    def has_responded(self) -> bool:
        return self.responded_at is not None


class Response(DemoMarkedModel):
    """One set of answers. `invitation` is NULL for anonymous surveys."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    invitation = models.OneToOneField(
        Invitation,
        verbose_name=_("invitation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="response",
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        ordering = ["survey", "id"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    likert = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(LIKERT_MIN), MaxValueValidator(LIKERT_MAX)],
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["response", "question__position", "id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_answer_per_question"
            ),
            models.CheckConstraint(
                condition=models.Q(likert__isnull=True)
                | models.Q(likert__gte=LIKERT_MIN, likert__lte=LIKERT_MAX),
                name="rating_from_one_to_five",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response} · {self.question_id}"
