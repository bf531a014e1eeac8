"""A bilingual, hierarchical industry taxonomy.

Codes are dotted paths (`photonics.optical_communication`) so a subsector names its parent.
Several classifications live side by side: the specialized industries of the program's
complexes (`003_…` 2.2), Gwangju's photonics subsectors (`004_…` tables 2 and 4), and
medical devices (`002_…`).
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusterhub.core.models import BilingualNameModel

industry_code_validator = RegexValidator(
    r"^[a-z0-9_]+(\.[a-z0-9_]+)*$",
    _("Use lower-case letters, digits and underscores, with dots between levels."),
)


class Industry(BilingualNameModel):
    code = models.CharField(
        _("code"), max_length=120, unique=True, validators=[industry_code_validator]
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent industry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Document and table the name comes from."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("industry")
        verbose_name_plural = _("industries")

    @property
    def depth(self) -> int:
        return self.code.count(".")
