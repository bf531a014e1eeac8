"""The complexes step: demo industrial complexes up to the scale's total.

A national program spans ~1,200 complexes, most of them not among the reference data's
hubs; pages listing or filtering by complex need that many. The generated ones are spread
over the zones and types roughly as Korea's are, and a share is linked to a hub, as in the
2010 pan-regional clusters.
"""

from __future__ import annotations

from clusterhub.demo.scale.build import DemoBuild
from clusterhub.demo.scale.bulk import BATCH_SIZE, insert
from clusterhub.demo.scale.dataset import DEMO_SOURCE
from clusterhub.demo.scale.seeded import by_code, spread
from clusterhub.geography.models import Complex, ComplexLink, ComplexType, ProgramPhase, Zone
from clusterhub.statistics.models import Term

# Ours: where Korea's ~1,200 industrial complexes are, roughly, by zone (percent).
ZONE_COMPLEX_WEIGHTS = {
    "seoul_metropolitan": 19,
    "chungcheong": 20,
    "honam": 22,
    "daegyeong": 15,
    "dongnam": 18,
    "gangwon": 5,
    "jeju": 1,
}
COMPLEX_TYPE_WEIGHTS = {
    ComplexType.NATIONAL: 3,
    ComplexType.GENERAL: 50,
    ComplexType.AGRO_INDUSTRIAL: 45,
    ComplexType.URBAN_HIGH_TECH: 2,
}
COMPLEX_TYPE_NAMES = {
    ComplexType.NATIONAL: ("국가산업단지", "National Industrial Complex"),
    ComplexType.GENERAL: ("일반산업단지", "General Industrial Complex"),
    ComplexType.AGRO_INDUSTRIAL: ("농공단지", "Agro-industrial Complex"),
    ComplexType.URBAN_HIGH_TECH: ("도시첨단산업단지", "Urban High-tech Industrial Complex"),
}
# 2010: ~193 complexes in the pan-regional clusters out of ~1,200 (`003_…` 2.3).
LINKED_COMPLEX_SHARE = 0.14


def zone_provinces(zone: Zone) -> list[tuple[str, str]]:
    """The zone's provinces as (Korean, English) names; the zone itself if they don't pair."""
    korean = [p.strip() for p in zone.provinces_ko.split(",") if p.strip()]
    english = [p.strip() for p in zone.provinces_en.split(",") if p.strip()]
    if korean and len(korean) == len(english):
        return list(zip(korean, english, strict=True))
    return [(zone.name_ko, zone.name_en)]


def generate_complexes(build: DemoBuild) -> None:
    """Demo complexes up to the scale's total, spread over the zones, some linked to hubs,
    each with one or two specialized industries and a place name for the statistics."""
    rng, real = build.rng, by_code(Complex.objects.all())
    wanted = max(0, build.scale.complexes - len(real))
    per_zone = spread(wanted, [ZONE_COMPLEX_WEIGHTS.get(z.code, 1) for z in build.zones])
    types, type_weights = list(COMPLEX_TYPE_WEIGHTS), list(COMPLEX_TYPE_WEIGHTS.values())
    new: list[Complex] = []
    for zone, count in zip(build.zones, per_zone, strict=True):
        provinces = zone_provinces(zone)
        for number in range(1, count + 1):
            complex_type = rng.choices(types, weights=type_weights)[0]
            province_ko, province_en = rng.choice(provinces)
            type_ko, type_en = COMPLEX_TYPE_NAMES[complex_type]
            new.append(
                Complex(
                    code=f"demo-{zone.code.replace('_', '-')}-{number:04d}",
                    zone=zone,
                    name_ko=f"{province_ko} 데모{number}{type_ko}",
                    name_en=f"{province_en} Demo {number} {type_en}",
                    complex_type=complex_type,
                    is_hub=False,
                    city_ko=province_ko,
                    city_en=province_en,
                    source=DEMO_SOURCE,
                )
            )
    new = insert(Complex, new)
    hubs_by_zone: dict[int, list[Complex]] = {}
    for hub in build.hubs:
        hubs_by_zone.setdefault(hub.zone_id, []).append(hub)
    links, industry_rows, linked = [], [], []
    through = Complex.specialized_industries.through
    for complex_ in new:
        industry_ids = [i.pk for i in rng.sample(build.top_industries, rng.randint(1, 2))]
        build.complex_industry_ids[complex_.pk] = industry_ids
        industry_rows += [through(complex_id=complex_.pk, industry_id=i) for i in industry_ids]
        zone_hubs = hubs_by_zone.get(complex_.zone_id)
        if zone_hubs and rng.random() < LINKED_COMPLEX_SHARE:
            links.append(
                ComplexLink(
                    hub=rng.choice(zone_hubs),
                    connected=complex_,
                    since_year=2010,
                    source=DEMO_SOURCE,
                )
            )
            complex_.program_phase = ProgramPhase.PAN_REGIONAL_2010
            linked.append(complex_)
    through.objects.bulk_create(industry_rows, batch_size=BATCH_SIZE)
    insert(ComplexLink, links)
    Complex.objects.bulk_update(linked, ["program_phase"], batch_size=BATCH_SIZE)
    insert(
        Term,
        [Term(dimension="place", code=c.code, name_ko=c.name_ko, name_en=c.name_en) for c in new],
    )
    build.complexes = sorted(real + new, key=lambda c: c.code)
    build.report("complexes (demo)", len(new))
    build.report("hub–connected links (demo)", len(links))
