"""The bottom-up project pipeline (`003_…` 3.2 (3)–(4), 3.3 (3)).

Networking discovers a company's *difficulty*; a coordinator turns one or more into an
*application* under a *support type* of that year's catalogue, with consortium
*participants* and a *solution route*; the application moves through the states of
`clusterhub.pipeline.workflow`, each move recorded as a *transition*; selected projects are
executed against *milestones* and *disbursements*, then completed or continued.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusterhub.core.models import DemoMarkedModel, TimeStampedModel, localized
from clusterhub.pipeline.workflow import State


class DifficultyCategory(models.TextChoices):
    """The areas of the 8,234 difficulties (`003_…` [Application Status by Project Type])."""

    RD = "rd", _("R&D")
    GENERAL_MANAGEMENT = "general_management", _("General management")
    MARKETING = "marketing", _("Marketing")
    PERSONNEL = "personnel", _("Personnel")
    FUNDING = "funding", _("Funding")
    OTHER = "other", _("Other")


class Urgency(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class DifficultyStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CONVERTED = "converted", _("Turned into an application")
    CLOSED = "closed", _("Closed without a project")


class Difficulty(TimeStampedModel, DemoMarkedModel):
    """A problem a company faces, found at a networking activity or reported by itself."""

    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="difficulties",
    )
    mini_cluster = models.ForeignKey(
        "networks.MiniCluster",
        verbose_name=_("mini cluster"),
        on_delete=models.PROTECT,
        related_name="difficulties",
        help_text=_("The mini cluster whose coordinator takes it up."),
    )
    activity = models.ForeignKey(
        "networks.NetworkingActivity",
        verbose_name=_("found at activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="difficulties",
    )
    category = models.CharField(_("category"), max_length=30, choices=DifficultyCategory.choices)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.MEDIUM
    )
    description = models.TextField(_("description"))
    status = models.CharField(
        _("status"), max_length=20, choices=DifficultyStatus.choices, default=DifficultyStatus.OPEN
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("difficulty")
        verbose_name_plural = _("difficulties")
        indexes = [models.Index(fields=["mini_cluster", "status"])]

    def __str__(self) -> str:
        return f"{self.organization} · {self.get_category_display()}"

    def get_absolute_url(self) -> str:
        return reverse("pipeline:difficulty_detail", kwargs={"pk": self.pk})


class OverLimitAction(models.TextChoices):
    REFUSE = "refuse", _("Refuse the application")
    FLAG = "flag", _("Accept and flag it for staff")


class SupportType(TimeStampedModel):
    """One type of support in one period's catalogue.

    2005–2009 had eleven types; in 2010 they were merged into five (`003_…` [Changes in the
    Projects since the Launch of the Pan Regional Cluster Program]). `successor` records
    which 2010 type an old one was merged into.
    """

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_ko = models.CharField(_("name (Korean)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
    )
    # Eligibility and limits: program settings, set by the program office.
    eligible_sizes = models.JSONField(
        _("eligible company sizes"),
        default=list,
        blank=True,
        help_text=_("Empty means every size."),
    )
    requires_membership = models.BooleanField(
        _("mini-cluster membership required"),
        default=True,
    )
    cap_per_project = models.DecimalField(
        _("cap per project (million KRW)"),
        max_digits=12,
        decimal_places=1,
        null=True,
        blank=True,
    )
    cofunding_ratio = models.DecimalField(
        # xgettext:no-python-format
        _("company co-funding (% of budget)"),
        max_digits=5,
        decimal_places=1,
        default=0,
    )
    yearly_limit_per_company = models.PositiveSmallIntegerField(
        _("applications per company per year"),
        null=True,
        blank=True,
    )
    over_limit_action = models.CharField(
        _("beyond the yearly limit"),
        max_length=10,
        choices=OverLimitAction.choices,
        default=OverLimitAction.REFUSE,
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["first_year", "position"]
        verbose_name = _("support type")
        verbose_name_plural = _("support types")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self.name_ko, self.name_en)

    def offered_in(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


class SolutionRoute(models.TextChoices):
    """How a difficulty gets solved (`003_…` 3.2 (4))."""

    AGENCY = "agency", _("The agency itself")
    INNOVATION_NETWORK = "innovation_network", _("A network of innovation organizations")
    COORDINATOR = "coordinator", _("A coordinator")
    SEPARATE_TEAM = "separate_team", _("A separate team")
    GOVERNMENT_POLICY = "government_policy", _("A link to a government policy project")


class Application(TimeStampedModel, DemoMarkedModel):
    """A project proposal under one support type; its `state` follows the workflow table."""

    reference = models.CharField(_("reference"), max_length=30, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    support_type = models.ForeignKey(
        SupportType,
        verbose_name=_("support type"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("applicant company"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    mini_cluster = models.ForeignKey(
        "networks.MiniCluster",
        verbose_name=_("mini cluster"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    difficulties = models.ManyToManyField(
        Difficulty,
        verbose_name=_("difficulties"),
        blank=True,
        related_name="applications",
    )
    title = models.CharField(_("title"), max_length=200)
    plan = models.TextField(_("plan"), blank=True)
    solution_route = models.CharField(
        _("solution route"),
        max_length=30,
        choices=SolutionRoute.choices,
        default=SolutionRoute.COORDINATOR,
    )
    budget_total = models.DecimalField(
        _("total budget (million KRW)"), max_digits=12, decimal_places=1, default=0
    )
    requested_amount = models.DecimalField(
        _("requested support (million KRW)"), max_digits=12, decimal_places=1, default=0
    )
    state = models.CharField(
        _("state"), max_length=30, choices=State.choices, default=State.DRAFT, db_index=True
    )
    flag = models.CharField(_("flag for staff"), max_length=300, blank=True)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("continues"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="continuations",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            models.Index(fields=["year", "state"]),
            models.Index(fields=["organization", "year"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("pipeline:application_detail", kwargs={"pk": self.pk})


class ParticipantRole(models.TextChoices):
    LEAD = "lead", _("Lead company")
    PARTNER_COMPANY = "partner_company", _("Partner company")
    UNIVERSITY = "university", _("University")
    INSTITUTE = "institute", _("Research institute")
    SUPPORTER = "supporter", _("Support organization")


class Participant(TimeStampedModel):
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "role", "id"]
        verbose_name = _("consortium participant")
        verbose_name_plural = _("consortium participants")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "organization"], name="one_participation_per_organization"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display()})"


class Transition(models.Model):
    """One move of an application through the workflow: who, when, from, to, why."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    action = models.CharField(_("action"), max_length=40)
    from_state = models.CharField(_("from"), max_length=30, choices=State.choices)
    to_state = models.CharField(_("to"), max_length=30, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")

    def __str__(self) -> str:
        return f"{self.application.reference}: {self.from_state} → {self.to_state}"


class Milestone(TimeStampedModel):
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class Disbursement(TimeStampedModel):
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="disbursements",
    )
    amount = models.DecimalField(_("amount (million KRW)"), max_digits=12, decimal_places=1)
    paid_on = models.DateField(_("paid on"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")

    def __str__(self) -> str:
        return f"{self.amount} ({self.paid_on})"
