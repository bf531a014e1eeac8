"""Forms of the committee pages; choices are limited to what the actor may use."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterhub.accounts.actors import Actor
from clusterhub.pipeline.models import Application, SupportType
from clusterhub.review import selectors
from clusterhub.review.models import CommitteeRound, Criterion, Review, Rubric


class RoundForm(forms.ModelForm):
    class Meta:
        model = CommitteeRound
        fields = ("name", "year", "support_type", "rubric", "quorum", "normalize")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["support_type"].queryset = SupportType.objects.order_by(
            "first_year", "position"
        )
        self.fields["rubric"].queryset = Rubric.objects.order_by("name_ko", "id")


class ApplicationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Application) -> str:
        return f"{obj.reference} · {obj.title} · {obj.organization.name}"


class MemberAddForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("Expert"), queryset=None)

    def __init__(self, *args, round: CommitteeRound, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = selectors.expert_candidates(round=round)


class ApplicationAddForm(forms.Form):
    applications = ApplicationChoiceField(
        label=_("Applications in committee review"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, actor: Actor, round: CommitteeRound, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = selectors.application_candidates(
            actor=actor, round=round
        )


class AssignForm(forms.Form):
    """Empty: assign every application; with `applications`: only those."""

    applications = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.MultipleHiddenInput
    )

    def __init__(self, *args, round: CommitteeRound, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = Application.objects.filter(
            evaluation_entries__round=round
        )


def score_field_name(criterion: Criterion) -> str:
    return f"score_{criterion.pk}"


class ReviewForm(forms.Form):
    """One whole-number score per criterion of the rubric, a comment, and the version the
    reviewer opened (see `services.review_save`)."""

    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, criteria: list[Criterion], review: Review | None, **kwargs):
        initial = kwargs.pop("initial", {})
        if review is not None:
            initial = {
                "comment": review.comment,
                "version": review.version,
                **{f"score_{score.criterion_id}": score.score for score in review.scores.all()},
                **initial,
            }
        else:
            initial = {"version": 0, **initial}
        super().__init__(*args, initial=initial, **kwargs)
        self.criteria = criteria
        score_fields = {
            score_field_name(criterion): forms.IntegerField(
                label=_("%(criterion)s (weight %(weight)s, out of %(max)s)")
                % {
                    "criterion": criterion.name,
                    "weight": criterion.weight,
                    "max": criterion.max_score,
                },
                min_value=0,
                max_value=criterion.max_score,
                required=False,
            )
            for criterion in criteria
        }
        # Scores first, in the rubric's order; then the comment.
        self.fields = {**score_fields, **self.fields}

    def scores(self) -> dict[int, int | None]:
        return {
            criterion.pk: self.cleaned_data.get(score_field_name(criterion))
            for criterion in self.criteria
        }
