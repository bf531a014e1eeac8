"""Forms of the pipeline pages; choices are limited to what the actor may use."""

from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusterhub.accounts.actors import Actor
from clusterhub.directory.models import Organization, OrganizationKind
from clusterhub.networks.models import MiniCluster, NetworkingActivity
from clusterhub.pipeline.models import (
    Application,
    DifficultyCategory,
    ParticipantRole,
    SupportType,
    Urgency,
)
from clusterhub.pipeline.services import APPLICATION_EDIT_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"


class DifficultyForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Company"), queryset=Organization.objects.none())
    mini_cluster = forms.ModelChoiceField(
        label=_("Mini cluster"), queryset=MiniCluster.objects.none()
    )
    activity = forms.ModelChoiceField(
        label=_("Found at activity"), required=False, queryset=NetworkingActivity.objects.none()
    )
    category = forms.ChoiceField(label=_("Category"), choices=DifficultyCategory.choices)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial="medium")
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        companies = Organization.objects.filter(kind=OrganizationKind.COMPANY)
        mini_clusters = MiniCluster.objects.filter(is_active=True).select_related("hub")
        if not actor.is_program_office:
            companies = companies.filter(
                Q(pk__in=actor.organization_ids)
                | Q(zone_id__in=actor.zone_ids)
                | Q(complex_id__in=actor.complex_ids)
                | Q(
                    miniclustermembership__mini_cluster_id__in=actor.coordinated_mini_cluster_ids,
                    miniclustermembership__left_on__isnull=True,
                )
            ).distinct()
            mini_clusters = mini_clusters.filter(
                Q(pk__in=actor.coordinated_mini_cluster_ids)
                | Q(hub__zone_id__in=actor.zone_ids)
                | Q(hub_id__in=actor.complex_ids)
                | Q(
                    memberships__organization_id__in=actor.organization_ids,
                    memberships__left_on__isnull=True,
                )
            ).distinct()
        self.fields["organization"].queryset = companies.order_by("name_ko")
        self.fields["mini_cluster"].queryset = mini_clusters.order_by("name_en")
        self.fields["activity"].queryset = NetworkingActivity.objects.filter(
            mini_cluster__in=self.fields["mini_cluster"].queryset.values("pk")
        ).order_by("-held_on")

    def offers_a_mini_cluster(self) -> bool:
        """Whether the actor may report in any mini cluster at all (else the page is refused)."""
        return self.fields["mini_cluster"].queryset.exists()


class ConvertForm(forms.Form):
    support_type = forms.ModelChoiceField(
        label=_("Support type"), queryset=SupportType.objects.all()
    )
    year = forms.IntegerField(label=_("Year"), min_value=2005, max_value=2100)

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["support_type"].queryset = SupportType.objects.filter(
            first_year__lte=year
        ).exclude(last_year__lt=year)
        self.fields["year"].initial = year


class ApplicationForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Application
        fields = APPLICATION_EDIT_FIELDS
        widgets = {"plan": forms.Textarea(attrs={"rows": 6})}


class ParticipantForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none()
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[c for c in ParticipantRole.choices if c[0] != ParticipantRole.LEAD],
    )

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = (
            Organization.objects.filter(zone_id=application.mini_cluster.hub.zone_id)
            .exclude(participations__application=application)
            .order_by("name_ko")
        )


class TransitionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due"), widget=DateInput())


class MilestoneDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DateInput())


class DisbursementForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount (million KRW)"), min_value=Decimal("0.1"), decimal_places=1
    )
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, max_length=200)
