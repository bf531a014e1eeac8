"""The directory: organizations of every kind, the people in them, and the expert pool.

Which fields of an organization are public is decided here, once (`PUBLIC_FIELDS`), and
read by the public pages and later by the API.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusterhub.core.models import (
    BilingualNameModel,
    DemoMarkedModel,
    TimeStampedModel,
    localized,
)


class OrganizationKind(models.TextChoices):
    COMPANY = "company", _("Company")
    UNIVERSITY = "university", _("University")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    SUPPORT_ORGANIZATION = "support_organization", _("Support organization")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    PROGRAM_AGENCY = "program_agency", _("Program agency (KICOX office)")


class CompanySize(models.TextChoices):
    """Size by the Korean legal classes the source's application tables use."""

    LARGE = "large", _("Large enterprise")
    MIDSIZE = "midsize", _("Mid-sized enterprise")
    SMALL_MEDIUM = "small_medium", _("Small or medium enterprise")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class Organization(BilingualNameModel, DemoMarkedModel):
    """A company, university, research institute, support organization or government."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganizationKind.choices)
    complex = models.ForeignKey(
        "geography.Complex",
        verbose_name=_("industrial complex"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
    )
    zone = models.ForeignKey(
        "geography.Zone",
        verbose_name=_("pan-regional zone"),
        on_delete=models.PROTECT,
        related_name="organizations",
        help_text=_("The zone of the complex, or where the organization sits if outside one."),
    )
    industry = models.ForeignKey(
        "industries.Industry",
        verbose_name=_("industry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
    )
    size = models.CharField(
        _("size"), max_length=20, choices=CompanySize.choices, default=CompanySize.NOT_APPLICABLE
    )
    founded_year = models.PositiveSmallIntegerField(_("founded"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    # Private: visible to the organization itself, its regional staff and the program office.
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    annual_sales_eok = models.DecimalField(
        _("annual sales (100 million KRW)"), max_digits=12, decimal_places=1, null=True, blank=True
    )
    exports_musd = models.DecimalField(
        _("exports (million USD)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    history = HistoricalRecords()

    PUBLIC_FIELDS = (
        "name_ko",
        "name_en",
        "kind",
        "complex",
        "zone",
        "industry",
        "size",
        "founded_year",
        "website",
        "description_ko",
        "description_en",
        "is_demo",
    )
    PRIVATE_FIELDS = ("employees", "annual_sales_eok", "exports_musd", "phone", "email", "address")

    class Meta:
        ordering = ["name_ko"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        indexes = [models.Index(fields=["kind", "zone"]), models.Index(fields=["name_en"])]

    @property
    def description(self) -> str:
        return localized(self.description_ko, self.description_en)

    def get_absolute_url(self) -> str:
        return reverse("directory:organization_detail", kwargs={"slug": self.slug})


class Person(TimeStampedModel, DemoMarkedModel):
    """Someone the program works with; belongs to organizations through affiliations."""

    name_ko = models.CharField(_("name (Korean)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_ko"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    @property
    def name(self) -> str:
        return localized(self.name_ko, self.name_en)

    def __str__(self) -> str:
        return self.name


class Affiliation(TimeStampedModel):
    """A person's position at an organization for a period; open-ended while current."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="affiliations"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="affiliations",
    )
    position_ko = models.CharField(_("position (Korean)"), max_length=100, blank=True)
    position_en = models.CharField(_("position (English)"), max_length=100, blank=True)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person__name_ko", "-started_on"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="affiliation_ends_after_start",
            )
        ]

    @property
    def position(self) -> str:
        return localized(self.position_ko, self.position_en)

    @property
    def is_current(self) -> bool:
        return self.ended_on is None

    def __str__(self) -> str:
        return f"{self.person} @ {self.organization}"


class ExpertField(models.TextChoices):
    """The expert pool's two fields (`003_…` [Expert pool])."""

    TECHNOLOGY = "technology", _("Technology")
    BUSINESS_ADMINISTRATION = "business_administration", _("Business administration")


class ExpertProfile(TimeStampedModel, DemoMarkedModel):
    """A person in the expert pool: fields and skills used to match them to difficulties."""

    person = models.OneToOneField(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="expert_profile"
    )
    field = models.CharField(_("field"), max_length=30, choices=ExpertField.choices)
    industries = models.ManyToManyField(
        "industries.Industry", verbose_name=_("industries"), blank=True, related_name="experts"
    )
    skills_ko = models.TextField(_("skills (Korean)"), blank=True)
    skills_en = models.TextField(_("skills (English)"), blank=True)
    years_of_experience = models.PositiveSmallIntegerField(
        _("years of experience"), null=True, blank=True
    )
    is_available = models.BooleanField(_("available for matching"), default=True)
    history = HistoricalRecords(m2m_fields=[industries])

    class Meta:
        ordering = ["person__name_ko"]
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")

    @property
    def skills(self) -> str:
        return localized(self.skills_ko, self.skills_en)

    def __str__(self) -> str:
        return f"{self.person} ({self.get_field_display()})"
