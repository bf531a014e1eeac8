"""Pan-regional economic zones and industrial complexes (`003_…` 2.3).

The program began with 7 pilot complexes (2005), grew to 12 (2008) and, from 2010, to
about 193 complexes organised as hubs and connected complexes in the 5+2 zones.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusterhub.core.models import BilingualNameModel, localized


class Zone(BilingualNameModel):
    """One of the 5+2 pan-regional economic zones."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    provinces_ko = models.CharField(_("provinces (Korean)"), max_length=200, blank=True)
    provinces_en = models.CharField(_("provinces (English)"), max_length=200, blank=True)
    vision_ko = models.CharField(_("vision (Korean)"), max_length=300, blank=True)
    vision_en = models.CharField(_("vision (English)"), max_length=300, blank=True)
    specialized_industries = models.ManyToManyField(
        "industries.Industry",
        verbose_name=_("specialized industries"),
        blank=True,
        related_name="zones",
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    history = HistoricalRecords(m2m_fields=[specialized_industries])

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("pan-regional zone")
        verbose_name_plural = _("pan-regional zones")

    @property
    def provinces(self) -> str:
        return localized(self.provinces_ko, self.provinces_en)

    @property
    def vision(self) -> str:
        return localized(self.vision_ko, self.vision_en)

    def get_absolute_url(self) -> str:
        return reverse("geography:zone_detail", kwargs={"code": self.code})


class ComplexType(models.TextChoices):
    NATIONAL = "national", _("National industrial complex")
    GENERAL = "general", _("General industrial complex")
    AGRO_INDUSTRIAL = "agro_industrial", _("Agro-industrial complex")
    URBAN_HIGH_TECH = "urban_high_tech", _("Urban high-tech industrial complex")
    UNSPECIFIED = "unspecified", _("Type not stated in the sources")


class ProgramPhase(models.TextChoices):
    """When a complex entered the cluster program (`003_…` [Progress of the Program])."""

    PILOT_2005 = "pilot_2005", _("Pilot complex (2005)")
    ADDED_2008 = "added_2008", _("Added complex (2008)")
    PAN_REGIONAL_2010 = "pan_regional_2010", _("Pan-regional cluster (2010)")
    NONE = "none", _("Not in the program")


class Complex(BilingualNameModel):
    """An industrial complex; hubs lead the connected complexes around them."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    zone = models.ForeignKey(
        Zone,
        verbose_name=_("pan-regional zone"),
        on_delete=models.PROTECT,
        related_name="complexes",
    )
    complex_type = models.CharField(
        _("complex type"),
        max_length=20,
        choices=ComplexType.choices,
        default=ComplexType.UNSPECIFIED,
    )
    is_hub = models.BooleanField(_("hub complex"), default=False)
    program_phase = models.CharField(
        _("program phase"), max_length=20, choices=ProgramPhase.choices, default=ProgramPhase.NONE
    )
    specialized_industries = models.ManyToManyField(
        "industries.Industry",
        verbose_name=_("specialized industries"),
        blank=True,
        related_name="complexes",
    )
    connected_complexes = models.ManyToManyField(
        "self",
        verbose_name=_("connected complexes"),
        through="ComplexLink",
        symmetrical=False,
        blank=True,
        related_name="hubs",
    )
    city_ko = models.CharField(_("city or province (Korean)"), max_length=100, blank=True)
    city_en = models.CharField(_("city or province (English)"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    history = HistoricalRecords(m2m_fields=[specialized_industries])

    class Meta:
        ordering = ["zone__position", "-is_hub", "code"]
        verbose_name = _("industrial complex")
        verbose_name_plural = _("industrial complexes")

    @property
    def city(self) -> str:
        return localized(self.city_ko, self.city_en)

    def get_absolute_url(self) -> str:
        return reverse("geography:complex_detail", kwargs={"code": self.code})


class ComplexLink(models.Model):
    """A connected complex linked to a hub complex of the same zone."""

    hub = models.ForeignKey(
        Complex, verbose_name=_("hub complex"), on_delete=models.CASCADE, related_name="links_out"
    )
    connected = models.ForeignKey(
        Complex,
        verbose_name=_("connected complex"),
        on_delete=models.CASCADE,
        related_name="links_in",
    )
    since_year = models.PositiveSmallIntegerField(_("since"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["hub__code", "connected__code"]
        verbose_name = _("hub–connected complex link")
        verbose_name_plural = _("hub–connected complex links")
        constraints = [
            models.UniqueConstraint(fields=["hub", "connected"], name="unique_complex_link"),
            models.CheckConstraint(
                condition=~models.Q(hub=models.F("connected")), name="complex_link_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hub} → {self.connected}"
