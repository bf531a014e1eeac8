"""Forms of the evaluation pages. They validate input; the services write."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from clusterhub.evaluation import selectors
from clusterhub.evaluation.metrics import METRICS
from clusterhub.evaluation.models import (
    EvaluatorInput,
    Goal,
    IndexSystem,
    Indicator,
    Level,
    ReportFormat,
)

YEAR_MIN, YEAR_MAX = 2000, 2100


def _metric_choices():
    """The registry's metrics with their units, after an empty choice."""
    return [("", "—")] + [
        (code, format_lazy("{} ({})", metric.name, metric.unit)) for code, metric in METRICS.items()
    ]


def _year_field(label=None, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=label or _("Year"), min_value=YEAR_MIN, max_value=YEAR_MAX, **kwargs
    )


class SystemDraftForm(forms.Form):
    """Draft a system for another year from an existing one."""

    year = _year_field(help_text=_("The year of the new draft, at the same level."))


class IndicatorForm(forms.ModelForm):
    """One node of a draft index system. The parent is one of the system's groups."""

    metric = forms.ChoiceField(
        label=Indicator._meta.get_field("metric").verbose_name,
        choices=_metric_choices,
        required=False,
        help_text=Indicator._meta.get_field("metric").help_text,
    )

    class Meta:
        model = Indicator
        fields = [
            "parent",
            "code",
            "position",
            "name_ko",
            "name_en",
            "description_ko",
            "description_en",
            "nature",
            "weight",
            "unit",
            "direction",
            "rule",
            "metric",
            "lower_bound",
            "upper_bound",
            "thresholds",
            "lineage",
            "source",
        ]
        widgets = {
            "description_ko": forms.Textarea(attrs={"rows": 2}),
            "description_en": forms.Textarea(attrs={"rows": 2}),
            "thresholds": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, system: IndexSystem, **kwargs):
        super().__init__(*args, **kwargs)
        self.system = system
        self.instance.system = system
        self.fields["parent"].queryset = selectors.group_choices(system, exclude=self.instance)
        self.fields["parent"].empty_label = _("(top level)")
        self.fields["parent"].help_text = _("A group of this index system, or the top level.")

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        taken = Indicator.objects.filter(system=self.system, code=code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("Another indicator of this index system has the code %(code)s."),
                params={"code": code},
            )
        return code

    def clean_thresholds(self):
        thresholds = self.cleaned_data.get("thresholds")
        return [] if thresholds in (None, "") else thresholds


class EvaluatorInputForm(forms.Form):
    score = forms.DecimalField(
        label=EvaluatorInput._meta.get_field("score").verbose_name,
        min_value=0,
        max_value=100,
        max_digits=4,
        decimal_places=1,
    )
    evidence = forms.CharField(
        label=EvaluatorInput._meta.get_field("evidence").verbose_name,
        help_text=EvaluatorInput._meta.get_field("evidence").help_text,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    comment = forms.CharField(
        label=EvaluatorInput._meta.get_field("comment").verbose_name,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class GoalForm(forms.ModelForm):
    """A platform goal of one entity: the entity is chosen among those of every level."""

    entity = forms.ChoiceField(
        label=_("Level and entity"),
        choices=selectors.entity_choices,
        help_text=_("Mini clusters, hub complexes, pan-regional zones, or the whole program."),
    )
    metric = forms.ChoiceField(
        label=Goal._meta.get_field("metric").verbose_name, choices=_metric_choices
    )

    class Meta:
        model = Goal
        fields = [
            "metric",
            "direction",
            "base_year",
            "base_value",
            "goal_year",
            "goal_value",
            "actual_value",
            "actual_from_platform",
        ]

    field_order = ["entity", *Meta.fields]

    def clean_entity(self) -> tuple[str, int]:
        level, _sep, entity_id = self.cleaned_data["entity"].partition(":")
        return level, int(entity_id)

    def clean(self):
        cleaned = super().clean()
        entity, code = cleaned.get("entity"), cleaned.get("metric")
        if entity and code:
            level, entity_id = entity
            metric = METRICS[code]
            self.instance.level, self.instance.entity_id = level, entity_id
            with translation.override("ko"):
                self.instance.metric_ko, self.instance.unit_ko = str(metric.name), str(metric.unit)
            with translation.override("en"):
                self.instance.metric_en, self.instance.unit_en = str(metric.name), str(metric.unit)
            goal_year = cleaned.get("goal_year")
            taken = Goal.objects.filter(
                level=level, entity_id=entity_id, subject_en="", metric=code, goal_year=goal_year
            ).exclude(pk=self.instance.pk)
            if goal_year and taken.exists():
                self.add_error(
                    "goal_year",
                    _("This entity already has a goal for this metric and year."),
                )
        return cleaned


class RunStartForm(forms.Form):
    year = _year_field()


class ReportRequestForm(forms.Form):
    year = _year_field()
    level = forms.ChoiceField(label=_("Evaluated level"), choices=Level.choices)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    formats = forms.MultipleChoiceField(
        label=_("Formats"),
        choices=ReportFormat.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[ReportFormat.PDF, ReportFormat.XLSX],
    )
