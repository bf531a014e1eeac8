"""Forms for the staff pages of mini clusters; choices are limited to what the actor may use."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusterhub.accounts.actors import Actor
from clusterhub.directory.models import Organization, Person
from clusterhub.geography.models import Complex
from clusterhub.networks import policies
from clusterhub.networks.models import (
    MembershipRole,
    MiniCluster,
    NetworkingActivity,
    SpecialInterestGroup,
)
from clusterhub.networks.services import MINI_CLUSTER_FIELDS, SIG_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"


def hubs_for(actor: Actor):
    hubs = Complex.objects.filter(is_hub=True).select_related("zone")
    if actor.is_program_office:
        return hubs
    return hubs.filter(Q(zone_id__in=actor.zone_ids) | Q(pk__in=actor.complex_ids))


class MiniClusterForm(forms.ModelForm):
    class Meta:
        model = MiniCluster
        fields = MINI_CLUSTER_FIELDS
        widgets = {
            "description_ko": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        hubs = hubs_for(actor)
        if self.instance.pk and not policies.mini_cluster_can_create(actor, self.instance.hub):
            # A coordinator may edit the mini cluster but not move it to another hub.
            hubs = Complex.objects.filter(pk=self.instance.hub_id)
        self.fields["hub"].queryset = hubs
        self.fields["coordinator"].queryset = Person.objects.order_by("name_ko")
        self.fields["industry"].queryset = self.fields["industry"].queryset.order_by("code")


class SIGForm(forms.ModelForm):
    complexes = forms.ModelMultipleChoiceField(
        label=_("Complexes"),
        queryset=Complex.objects.select_related("zone"),
        required=False,
        help_text=_("Choose more than one complex for a cross-complex group."),
    )

    class Meta:
        model = SpecialInterestGroup
        fields = SIG_FIELDS
        widgets = {"established_on": DateInput()}

    def __init__(self, *args, mini_cluster: MiniCluster, **kwargs):
        super().__init__(*args, **kwargs)
        # A SIG may reach across complexes, but stays inside the mini cluster's zone.
        self.fields["complexes"].queryset = Complex.objects.filter(zone_id=mini_cluster.hub.zone_id)
        if self.instance.pk:
            self.fields["complexes"].initial = list(self.instance.complexes.all())


class MembershipAddForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none()
    )
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)
    joined_on = forms.DateField(label=_("Joined"), widget=DateInput())

    def __init__(self, *args, mini_cluster: MiniCluster, **kwargs):
        super().__init__(*args, **kwargs)
        # Pan-regional mini clusters admit organizations from anywhere in their zone (`003_…` 5.1).
        self.fields["organization"].queryset = (
            Organization.objects.filter(zone_id=mini_cluster.hub.zone_id)
            .exclude(
                miniclustermembership__mini_cluster=mini_cluster,
                miniclustermembership__left_on__isnull=True,
            )
            .order_by("name_ko")
        )


class MembershipEndForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DateInput())


class ActivityForm(forms.ModelForm):
    attendees = forms.ModelMultipleChoiceField(
        label=_("Organizations that attended"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = NetworkingActivity
        fields = (
            "kind",
            "title_ko",
            "title_en",
            "held_on",
            "venue",
            "sig",
            "summary",
            "other_participants",
        )
        widgets = {"held_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, mini_cluster: MiniCluster, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sig"].queryset = SpecialInterestGroup.objects.filter(mini_cluster=mini_cluster)
        self.fields["attendees"].queryset = Organization.objects.filter(
            miniclustermembership__mini_cluster=mini_cluster,
            miniclustermembership__left_on__isnull=True,
        ).order_by("name_ko")
