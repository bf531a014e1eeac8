"""The entities each level evaluates, and their names, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from clusterhub.core.models import localized
from clusterhub.evaluation.models import PROGRAM_ENTITY_ID, Level
from clusterhub.geography.models import Complex, Zone
from clusterhub.networks.models import MiniCluster


def entity_ids(level: str) -> list[int]:
    """Who is evaluated at a level: active mini clusters, hub complexes, every zone, the program."""
    if level == Level.MINI_CLUSTER:
        return list(
            MiniCluster.objects.filter(is_active=True).order_by("id").values_list("id", flat=True)
        )
    if level == Level.COMPLEX:
        return list(Complex.objects.filter(is_hub=True).order_by("id").values_list("id", flat=True))
    if level == Level.ZONE:
        return list(Zone.objects.order_by("id").values_list("id", flat=True))
    return [PROGRAM_ENTITY_ID]


def entity_names(level: str, ids) -> dict[int, dict]:
    """id → {"ko", "en", "is_demo", "zone_id", "url"} for the given ids of a level."""
    ids = list(ids)
    result: dict[int, dict] = {}
    if level == Level.MINI_CLUSTER:
        for mc in MiniCluster.objects.filter(pk__in=ids).select_related("hub"):
            result[mc.pk] = {
                "ko": mc.name_ko,
                "en": mc.name_en,
                "is_demo": mc.slug.startswith("demo-") or _demo_name(mc.name_ko),
                "zone_id": mc.hub.zone_id,
                "complex_id": mc.hub_id,
                "url": mc.get_absolute_url(),
            }
    elif level == Level.COMPLEX:
        for complex_ in Complex.objects.filter(pk__in=ids):
            result[complex_.pk] = {
                "ko": complex_.name_ko,
                "en": complex_.name_en,
                "is_demo": complex_.code.startswith("demo-"),
                "zone_id": complex_.zone_id,
                "complex_id": complex_.pk,
                "url": complex_.get_absolute_url(),
            }
    elif level == Level.ZONE:
        for zone in Zone.objects.filter(pk__in=ids):
            result[zone.pk] = {
                "ko": zone.name_ko,
                "en": zone.name_en,
                "is_demo": zone.code.startswith("demo-"),
                "zone_id": zone.pk,
                "complex_id": None,
                "url": zone.get_absolute_url(),
            }
    elif PROGRAM_ENTITY_ID in ids:
        result[PROGRAM_ENTITY_ID] = {
            "ko": "산업단지 클러스터 사업 전체",
            "en": "The whole cluster program",
            "is_demo": False,
            "zone_id": None,
            "complex_id": None,
            "url": "",
        }
    return result


def entity_name(level: str, entity_id: int) -> str:
    names = entity_names(level, [entity_id]).get(entity_id)
    if names is None:
        return _("(removed)")
    return localized(names["ko"], names["en"])


def _demo_name(name: str) -> bool:
    return "데모" in name


@dataclass(frozen=True)
class Entity:
    """An evaluated entity with its names, for a page; `places` holds its zone and complex
    ids, which the policies read."""

    level: str
    entity_id: int
    name_ko: str
    name_en: str
    is_demo: bool
    url: str
    places: dict

    @property
    def name(self) -> str:
        return localized(self.name_ko, self.name_en)

    @property
    def level_label(self) -> str:
        return Level(self.level).label


def entity_from_names(level: str, entity_id: int, names: dict | None) -> Entity:
    """The entity from its `entity_names` entry; a removed one keeps its place on a page."""
    if names is None:
        return Entity(level, entity_id, "(삭제됨)", "(removed)", False, "", {})
    return Entity(
        level=level,
        entity_id=entity_id,
        name_ko=names["ko"],
        name_en=names["en"],
        is_demo=names["is_demo"],
        url=names["url"],
        places={"zone_id": names.get("zone_id"), "complex_id": names.get("complex_id")},
    )


def entity_or_none(level: str, entity_id: int) -> Entity | None:
    """The entity at a level, or None when the level or the id is unknown."""
    if level not in Level.values:
        return None
    names = entity_names(level, [entity_id]).get(entity_id)
    return entity_from_names(level, entity_id, names) if names is not None else None
