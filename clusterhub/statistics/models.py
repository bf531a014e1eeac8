"""The figures of the source documents, each with its provenance.

An `Observation` is one printed cell: which document and table it comes from, its row and
column labels as printed, the printed text, its value, unit and kind (actual, estimate,
forecast, target), and the dimensions it describes (place, industry, size band, metric,
year, series). Two sources stating the same fact are two observations, side by side; the
system never overwrites one source with another. `SourceFinding` keeps what the validator
found wrong in the sources when they were last loaded.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterhub.core.models import TimeStampedModel, localized


class SourceDocument(TimeStampedModel):
    file_name = models.CharField(_("file"), max_length=100, unique=True)
    title_ko = models.CharField(_("title (Korean)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published = models.CharField(_("published"), max_length=50, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    description = models.TextField(_("description"), blank=True)
    # An imported table's provenance (`clusterhub import observations`): the uploaded file,
    # who imported it and when. Empty for the documents of data/sources.
    imported_file = models.CharField(_("imported file"), max_length=255, blank=True)
    imported_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        ordering = ["file_name"]
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self.title_ko, self.title_en)


class SourceTable(TimeStampedModel):
    table_id = models.SlugField(_("table id"), max_length=120, unique=True)
    document = models.ForeignKey(
        SourceDocument, verbose_name=_("document"), on_delete=models.CASCADE, related_name="tables"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    title_ko = models.CharField(_("title (Korean)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    section = models.CharField(_("section as printed"), max_length=500)
    default_unit = models.CharField(_("unit"), max_length=40)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["document__file_name", "position"]
        verbose_name = _("source table")
        verbose_name_plural = _("source tables")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self.title_ko, self.title_en)

    def get_absolute_url(self) -> str:
        return reverse("statistics:table_detail", kwargs={"table_id": self.table_id})


class Kind(models.TextChoices):
    ACTUAL = "actual", _("Actual")
    ESTIMATE = "estimate", _("Estimate")
    FORECAST = "forecast", _("Forecast")
    TARGET = "target", _("Target")


class Observation(models.Model):
    table = models.ForeignKey(
        SourceTable, verbose_name=_("table"), on_delete=models.CASCADE, related_name="observations"
    )
    source_row = models.PositiveIntegerField(_("CSV row"))
    row_label = models.CharField(_("row"), max_length=300)
    column_label = models.CharField(_("column"), max_length=300)
    series = models.CharField(_("series"), max_length=40, default="main")
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6, null=True, blank=True)
    printed = models.TextField(_("as printed"), blank=True)
    unit = models.CharField(_("unit"), max_length=40)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    place = models.CharField(_("place"), max_length=60, blank=True, db_index=True)
    industry = models.CharField(_("industry"), max_length=120, blank=True)
    size_band = models.CharField(_("size band"), max_length=60, blank=True)
    metric = models.CharField(_("metric"), max_length=80, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["table", "source_row"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["table", "row_label", "column_label", "series"], name="one_cell_per_label"
            )
        ]
        indexes = [models.Index(fields=["place", "industry", "metric"])]

    def __str__(self) -> str:
        return f"{self.table.table_id}[{self.row_label} / {self.column_label}] = {self.printed}"


class Term(models.Model):
    """The bilingual label of a code used in the observations (a place, metric, unit, …)."""

    dimension = models.CharField(_("dimension"), max_length=20)
    code = models.CharField(_("code"), max_length=120)
    name_ko = models.CharField(_("name (Korean)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        ordering = ["dimension", "code"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        constraints = [
            models.UniqueConstraint(fields=["dimension", "code"], name="one_term_per_code")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self.name_ko, self.name_en)


class SourceFinding(models.Model):
    """A printed figure that does not match what it should be, by one declared check."""

    table = models.ForeignKey(
        SourceTable, verbose_name=_("table"), on_delete=models.CASCADE, related_name="findings"
    )
    check_id = models.CharField(_("check"), max_length=120)
    rule = models.CharField(_("rule"), max_length=20)
    row_label = models.CharField(_("row"), max_length=300)
    column_label = models.CharField(_("column"), max_length=300)
    series = models.CharField(_("series"), max_length=40)
    printed = models.CharField(_("as printed"), max_length=300)
    printed_value = models.DecimalField(_("printed value"), max_digits=20, decimal_places=6)
    computed = models.DecimalField(_("recomputed or other value"), max_digits=24, decimal_places=6)
    difference = models.DecimalField(_("difference"), max_digits=24, decimal_places=6)
    tolerance = models.DecimalField(_("tolerance"), max_digits=20, decimal_places=6)
    message_ko = models.TextField(_("message (Korean)"))
    message_en = models.TextField(_("message (English)"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["table", "check_id"]
        verbose_name = _("source finding")
        verbose_name_plural = _("source findings")

    def __str__(self) -> str:
        return f"{self.check_id}: {self.message_en}"

    @property
    def message(self) -> str:
        return localized(self.message_ko, self.message_en)
