"""Forms for the ledger and the success story; choices are limited to what the actor may use."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from clusterhub.directory.models import Organization
from clusterhub.outcomes.models import (
    EVIDENCE_EXTENSIONS,
    METRIC_UNITS,
    OutcomeMetric,
    OutcomePeriod,
    OutcomeRecord,
    SuccessStory,
    validate_evidence_file,
)
from clusterhub.outcomes.services import STORY_TEXT_FIELDS

EVIDENCE_ACCEPT = ",".join(f".{extension}" for extension in EVIDENCE_EXTENSIONS)


def _metric_choices():
    """Each metric with its unit, so nobody enters 억원 where 백만원 is meant."""
    return [
        (metric, format_lazy("{} ({})", OutcomeMetric(metric).label, METRIC_UNITS[metric].label))
        for metric in OutcomeMetric.values
    ]


class OutcomeRecordForm(forms.Form):
    """Record a value, or correct one: without `record`, the company, metric and period are
    chosen (an existing value for them is corrected); with it, only the value changes."""

    organization = forms.ModelChoiceField(
        label=_("Company"), queryset=Organization.objects.none(), empty_label=None
    )
    metric = forms.ChoiceField(label=_("Metric"), choices=_metric_choices)
    period = forms.ChoiceField(label=_("Period"), choices=OutcomePeriod.choices)
    value = forms.DecimalField(
        label=_("Value"),
        max_digits=14,
        decimal_places=1,
        min_value=0,
        help_text=OutcomeRecord._meta.get_field("value").help_text,
    )
    evidence = forms.FileField(
        label=_("Evidence file"),
        required=False,
        validators=[validate_evidence_file],
        widget=forms.FileInput(attrs={"accept": EVIDENCE_ACCEPT}),
        help_text=OutcomeRecord._meta.get_field("evidence").help_text,
    )
    remove_evidence = forms.BooleanField(label=_("Remove the evidence file"), required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, organizations=None, record: OutcomeRecord | None = None, **kwargs):
        if record is not None:
            kwargs.setdefault("initial", {"value": record.value, "note": record.note})
        super().__init__(*args, **kwargs)
        self.record = record
        if record is not None:
            for name in ("organization", "metric", "period"):
                del self.fields[name]
            if not record.evidence:
                del self.fields["remove_evidence"]
        else:
            del self.fields["remove_evidence"]
            self.fields["organization"].queryset = organizations


class StoryForm(forms.ModelForm):
    class Meta:
        model = SuccessStory
        fields = STORY_TEXT_FIELDS
        widgets = {
            "summary_ko": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "body_ko": forms.Textarea(attrs={"rows": 10}),
            "body_en": forms.Textarea(attrs={"rows": 10}),
        }
