"""Building blocks shared by every domain model: timestamps, bilingual names, demo marking."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def localized(korean: str, english: str) -> str:
    """Pick the Korean or English form for the active language, falling back to the other."""
    language = (get_language() or "ko").lower()
    if language.startswith("ko"):
        return korean or english
    return english or korean


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class BilingualNameModel(TimeStampedModel):
    """A named thing of the domain: places, industries and organizations have both forms."""

    name_ko = models.CharField(_("name (Korean)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self.name_ko, self.name_en)


class DemoMarkedModel(models.Model):
    """Generated demo records carry is_demo=True and are labelled as such wherever shown."""

    is_demo = models.BooleanField(
        _("demo data"),
        default=False,
        help_text=_("Generated for demonstration; not a real organization or person."),
    )

    class Meta:
        abstract = True
