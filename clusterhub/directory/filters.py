"""The directory search: public fields only."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusterhub.directory.models import CompanySize, Organization, OrganizationKind
from clusterhub.geography.models import Complex, Zone
from clusterhub.industries.models import Industry


class OrganizationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrganizationKind.choices)
    zone = django_filters.ModelChoiceFilter(
        label=_("Pan-regional zone"), queryset=Zone.objects.all(), to_field_name="code"
    )
    complex = django_filters.ModelChoiceFilter(
        label=_("Industrial complex"),
        queryset=Complex.objects.select_related("zone"),
        to_field_name="code",
    )
    industry = django_filters.ModelChoiceFilter(
        label=_("Industry"),
        queryset=Industry.objects.all(),
        to_field_name="code",
        method="in_industry",
    )
    size = django_filters.ChoiceFilter(label=_("Size"), choices=CompanySize.choices)

    class Meta:
        model = Organization
        fields = ["q", "kind", "zone", "complex", "industry", "size"]

    def search(self, queryset, name, value):
        """Match either language's name or description."""
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name_ko__icontains=value)
            | Q(name_en__icontains=value)
            | Q(description_ko__icontains=value)
            | Q(description_en__icontains=value)
        )

    def in_industry(self, queryset, name, value):
        """An industry includes its subsectors."""
        if not value:
            return queryset
        return queryset.filter(
            Q(industry__code=value.code) | Q(industry__code__startswith=value.code + ".")
        )
