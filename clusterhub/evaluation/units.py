"""The units indicators are measured in, stored in English and shown in the active language.

Its own module so that the models (an indicator's `unit_label`) and the metric registry both
read it without importing each other.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

UNIT_LABELS = {
    "activities": _("activities"),
    "participations": _("participations"),
    "memberships": _("memberships"),
    "difficulties": _("difficulties"),
    "applications": _("applications"),
    "projects": _("projects"),
    "count": _("count"),
    "persons": _("persons"),
    "million KRW": _("million KRW"),
    "points of 100": _("points of 100"),
    "% of goal": _("% of goal"),
    "% of requested support": _("% of requested support"),
}


def unit_label(unit: str) -> str:
    """An indicator's unit in the active language (units not listed are shown as stored)."""
    return str(UNIT_LABELS.get(unit, unit))
