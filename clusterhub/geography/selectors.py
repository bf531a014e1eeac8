"""Reads for zones and complexes."""

from django.db.models import Count, Prefetch, Q, QuerySet

from clusterhub.geography.models import Complex, Zone


def zone_list() -> QuerySet[Zone]:
    return (
        Zone.objects.annotate(
            hub_count=Count("complexes", filter=Q(complexes__is_hub=True), distinct=True),
            complex_count=Count("complexes", distinct=True),
        )
        .prefetch_related("specialized_industries")
        .order_by("position", "code")
    )


def zone_detail(*, code: str) -> Zone:
    """One zone with its specialized industries; raises `Zone.DoesNotExist`."""
    return Zone.objects.prefetch_related("specialized_industries").get(code=code)


def zone_with_counts(*, code: str) -> Zone:
    """One zone as `zone_list` gives it, with its counts; raises `Zone.DoesNotExist`."""
    return zone_list().get(code=code)


def zone_choices() -> QuerySet[Zone]:
    """The zones a list can be filtered by, in their order."""
    return Zone.objects.all()


def complex_list(*, zone_code: str = "", hubs_only: bool = False) -> QuerySet[Complex]:
    queryset = (
        Complex.objects.select_related("zone")
        .prefetch_related("specialized_industries")
        .annotate(
            mini_cluster_count=Count(
                "mini_clusters", filter=Q(mini_clusters__is_active=True), distinct=True
            ),
        )
        # Aggregating queries drop Meta.ordering, so the order is stated here.
        .order_by("zone__position", "-is_hub", "code")
    )
    if zone_code:
        queryset = queryset.filter(zone__code=zone_code)
    if hubs_only:
        queryset = queryset.filter(is_hub=True)
    return queryset


def complex_detail(*, code: str) -> Complex:
    return (
        Complex.objects.select_related("zone")
        .prefetch_related(
            "specialized_industries",
            Prefetch("connected_complexes", queryset=Complex.objects.order_by("name_en")),
            Prefetch("hubs", queryset=Complex.objects.order_by("name_en")),
        )
        .get(code=code)
    )
