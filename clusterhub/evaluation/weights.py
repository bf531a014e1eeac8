"""Weights of an index system must add up: the top nodes to 100 points, the children of a
group to the group's weight. Problems are returned as messages that name the node."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from clusterhub.evaluation.models import IndexSystem, Indicator, Nature

TOTAL = Decimal("100")


def weight_problems(indicators: list[Indicator]) -> list[str]:
    """Every sum that is off, and every group without children, as a readable message."""
    children: dict[int | None, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        children[indicator.parent_id].append(indicator)
    problems = []
    top = children[None]
    if not top:
        problems.append(_("The index system has no indicators yet."))
    else:
        total = sum((i.weight for i in top), Decimal("0"))
        if total != TOTAL:
            problems.append(
                _("The top-level weights add up to %(total)s, not 100.") % {"total": _number(total)}
            )
    for indicator in indicators:
        if indicator.nature != Nature.GROUP:
            if children[indicator.pk]:
                problems.append(
                    _("“%(code)s %(name)s” has sub-indicators but is not a group.")
                    % {"code": indicator.code, "name": indicator.name}
                )
            continue
        kids = children[indicator.pk]
        if not kids:
            problems.append(
                _("The group “%(code)s %(name)s” has no indicators under it.")
                % {"code": indicator.code, "name": indicator.name}
            )
            continue
        total = sum((k.weight for k in kids), Decimal("0"))
        if total != indicator.weight:
            problems.append(
                _(
                    "The weights under “%(code)s %(name)s” add up to %(total)s, "
                    "not the group's %(weight)s."
                )
                % {
                    "code": indicator.code,
                    "name": indicator.name,
                    "total": _number(total),
                    "weight": _number(indicator.weight),
                }
            )
    return problems


def system_weight_problems(system: IndexSystem) -> list[str]:
    return weight_problems(list(system.indicators.order_by("position", "code")))


def equal_shares(total: Decimal, count: int) -> list[Decimal]:
    """`count` weights of two decimals adding up exactly to `total`; the first take the cents."""
    if count <= 0:
        return []
    cents = int((total * 100).to_integral_value())
    base, extra = divmod(cents, count)
    return [Decimal(base + (1 if i < extra else 0)) / 100 for i in range(count)]


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"
