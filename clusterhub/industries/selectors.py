"""Reads for the industry taxonomy."""

from django.db.models import QuerySet

from clusterhub.industries.models import Industry


def industry_list(*, parent_code: str = "") -> QuerySet[Industry]:
    """Industries in code order (a parent before its subsectors); with `parent_code`, that
    industry's subsectors at every depth."""
    queryset = Industry.objects.select_related("parent").order_by("code")
    if parent_code:
        queryset = queryset.filter(code__startswith=parent_code + ".")
    return queryset
