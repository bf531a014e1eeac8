"""Mini clusters, special interest groups (SIGs) and networking activities (`003_…` 3.3 (1)).

A mini cluster is a small industry-university-institute-government alliance grouped by
business type or technology under a hub complex; SIGs form inside it, sometimes across
complexes. Memberships are dated, so the membership of any past year can be recounted.
"""

import datetime

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusterhub.core.models import BilingualNameModel, DemoMarkedModel, TimeStampedModel, localized


class MiniCluster(BilingualNameModel):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    hub = models.ForeignKey(
        "geography.Complex",
        verbose_name=_("hub complex"),
        on_delete=models.PROTECT,
        related_name="mini_clusters",
    )
    industry = models.ForeignKey(
        "industries.Industry",
        verbose_name=_("industry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mini_clusters",
    )
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    coordinator = models.ForeignKey(
        "directory.Person",
        verbose_name=_("coordinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_mini_clusters",
    )
    established_year = models.PositiveSmallIntegerField(_("established"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    legacy_site_url = models.URLField(
        _("former e-Cluster mini-site"),
        blank=True,
        help_text=_("The mini-site address printed in the 2010 mini cluster list."),
    )
    phone_extension = models.CharField(_("phone extension"), max_length=10, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["hub__zone__position", "hub__code", "name_en"]
        verbose_name = _("mini cluster")
        verbose_name_plural = _("mini clusters")

    @property
    def description(self) -> str:
        return localized(self.description_ko, self.description_en)

    @property
    def zone(self):
        return self.hub.zone

    def get_absolute_url(self) -> str:
        return reverse("networks:mini_cluster_detail", kwargs={"slug": self.slug})


class SpecialInterestGroup(BilingualNameModel):
    """A SIG inside a mini cluster; cross-complex when it draws on other complexes."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    mini_cluster = models.ForeignKey(
        MiniCluster,
        verbose_name=_("mini cluster"),
        on_delete=models.CASCADE,
        related_name="sigs",
    )
    complexes = models.ManyToManyField(
        "geography.Complex",
        verbose_name=_("complexes"),
        blank=True,
        related_name="sigs",
        help_text=_("The complexes its members come from; more than one makes it cross-complex."),
    )
    topic_ko = models.CharField(_("topic (Korean)"), max_length=300, blank=True)
    topic_en = models.CharField(_("topic (English)"), max_length=300, blank=True)
    established_on = models.DateField(_("established"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords(m2m_fields=[complexes])

    class Meta:
        ordering = ["mini_cluster__slug", "name_en"]
        verbose_name = _("special interest group")
        verbose_name_plural = _("special interest groups")

    @property
    def topic(self) -> str:
        return localized(self.topic_ko, self.topic_en)

    @property
    def is_cross_complex(self) -> bool:
        return len({c.pk for c in self.complexes.all()} | {self.mini_cluster.hub_id}) > 1


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    CHAIR = "chair", _("Chair")
    SUPPORTING = "supporting", _("Supporting organization")


class DatedMembership(TimeStampedModel):
    """Membership of an organization for a period; open-ended while current."""

    organization = models.ForeignKey(
        "directory.Organization", verbose_name=_("organization"), on_delete=models.CASCADE
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    joined_on = models.DateField(_("joined"))
    left_on = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_current(self) -> bool:
        return self.left_on is None or self.left_on > datetime.date.today()


class MiniClusterMembership(DatedMembership):
    mini_cluster = models.ForeignKey(
        MiniCluster,
        verbose_name=_("mini cluster"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["mini_cluster__slug", "organization__name_ko", "-joined_on"]
        verbose_name = _("mini cluster membership")
        verbose_name_plural = _("mini cluster memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["mini_cluster", "organization"],
                condition=models.Q(left_on__isnull=True),
                name="one_open_mini_cluster_membership",
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="mini_cluster_membership_leaves_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} ∈ {self.mini_cluster}"


class SIGMembership(DatedMembership):
    sig = models.ForeignKey(
        SpecialInterestGroup,
        verbose_name=_("special interest group"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["sig__slug", "organization__name_ko", "-joined_on"]
        verbose_name = _("SIG membership")
        verbose_name_plural = _("SIG memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["sig", "organization"],
                condition=models.Q(left_on__isnull=True),
                name="one_open_sig_membership",
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="sig_membership_leaves_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} ∈ {self.sig}"


class ActivityKind(models.TextChoices):
    """The networking activities the source counts (`003_…` [Networking activities])."""

    FORUM = "forum", _("Forum")
    TECHNOLOGY_SEMINAR = "technology_seminar", _("Technology seminar")
    WORKSHOP = "workshop", _("Workshop")
    REGULAR_MEETING = "regular_meeting", _("Regular meeting")
    POLICY_BRIEFING = "policy_briefing", _("Policy briefing")
    EVALUATION_COMMITTEE = "evaluation_committee", _("Evaluation committee")
    EXCHANGE_SEMINAR = "exchange_seminar", _("Exchange seminar")
    COMPANY_VISIT = "company_visit", _("Company visit (project discovery)")
    OTHER = "other", _("Other")


class NetworkingActivity(TimeStampedModel, DemoMarkedModel):
    mini_cluster = models.ForeignKey(
        MiniCluster,
        verbose_name=_("mini cluster"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    sig = models.ForeignKey(
        SpecialInterestGroup,
        verbose_name=_("special interest group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ActivityKind.choices)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    held_on = models.DateField(_("held on"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    other_participants = models.PositiveIntegerField(
        _("other participants"),
        default=0,
        help_text=_("People who attended without being recorded by name."),
    )
    logged_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("logged by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("networking activity")
        verbose_name_plural = _("networking activities")
        indexes = [models.Index(fields=["mini_cluster", "-held_on"])]

    @property
    def title(self) -> str:
        return localized(self.title_ko, self.title_en)

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"


class Attendance(TimeStampedModel):
    """One organization (and, when known, the person) present at an activity."""

    activity = models.ForeignKey(
        NetworkingActivity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendances",
    )
    headcount = models.PositiveSmallIntegerField(_("people"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["activity", "organization__name_ko"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "organization"], name="one_attendance_per_organization"
            ),
            models.CheckConstraint(condition=models.Q(headcount__gte=1), name="headcount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} @ {self.activity}"
