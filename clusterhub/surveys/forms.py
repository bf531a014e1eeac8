"""Forms for building surveys and answering them; targets are limited to what the actor serves."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterhub.accounts.actors import Actor
from clusterhub.geography.models import Complex, Zone
from clusterhub.networks.models import MiniCluster
from clusterhub.surveys import policies
from clusterhub.surveys.models import (
    LEVEL_FIELDS,
    TARGET_FIELDS,
    Question,
    QuestionKind,
    Survey,
    SurveyLevel,
    SurveyStatus,
)
from clusterhub.surveys.services import QUESTION_FIELDS, SURVEY_FIELDS, question_field_name

LIKERT_CHOICES = [
    ("1", _("1 · very dissatisfied")),
    ("2", _("2 · dissatisfied")),
    ("3", _("3 · neutral")),
    ("4", _("4 · satisfied")),
    ("5", _("5 · very satisfied")),
]


class SurveyForm(forms.ModelForm):
    """A survey's texts, year, target and audiences. Only the target field the chosen level
    needs is kept; the others are cleared, so a leftover choice does not refuse the form."""

    class Meta:
        model = Survey
        fields = SURVEY_FIELDS
        widgets = {
            "intro_ko": forms.Textarea(attrs={"rows": 3}),
            "intro_en": forms.Textarea(attrs={"rows": 3}),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        scope = policies.target_choices_scope(actor)
        self.fields["zone"].queryset = Zone.objects.filter(scope["zone"]).order_by("position")
        self.fields["complex"].queryset = (
            Complex.objects.filter(scope["complex"], is_hub=True)
            .select_related("zone")
            .order_by("zone__position", "code")
        )
        self.fields["mini_cluster"].queryset = (
            MiniCluster.objects.filter(scope["mini_cluster"])
            .select_related("hub")
            .order_by("hub__zone__position", "hub__code", "name_en")
        )
        if not actor.is_program_office:
            self.fields["level"].choices = [
                choice for choice in SurveyLevel.choices if choice[0] != SurveyLevel.PROGRAM
            ]
        self.fields["level"].help_text = _(
            "Then choose the mini cluster, hub complex or zone below; the whole program needs none."
        )

    def clean(self):
        cleaned = super().clean()
        wanted = LEVEL_FIELDS.get(cleaned.get("level"))
        for name in TARGET_FIELDS:
            if name != wanted:
                cleaned[name] = None
        if not any(cleaned.get(f"audience_{a}") for a in ("companies", "members", "experts")):
            self.add_error(None, _("Choose at least one audience."))
        return cleaned


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = QUESTION_FIELDS

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == QuestionKind.TEXT:
            # Only ratings count toward satisfaction; a text question never does.
            cleaned["counts_toward_satisfaction"] = False
            self.instance.counts_toward_satisfaction = False
        return cleaned


class ResponseForm(forms.Form):
    """One field per question, named `question_<id>`. Whether a required question is
    answered is checked by `response_submit`, whose error names the question."""

    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            label = f"{question.number}. {question.text}"
            if question.is_likert:
                field = forms.ChoiceField(
                    label=label,
                    choices=LIKERT_CHOICES,
                    required=False,
                    widget=forms.RadioSelect(attrs={"class": "likert"}),
                )
            else:
                field = forms.CharField(
                    label=label,
                    required=False,
                    max_length=4000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            field.is_required_question = question.required
            self.fields[question_field_name(question)] = field

    def answers(self) -> dict[int, str]:
        return {
            question.pk: self.cleaned_data.get(question_field_name(question), "")
            for question in self.questions
        }


class SurveyFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *SurveyStatus.choices],
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *((y, y) for y in years)]
