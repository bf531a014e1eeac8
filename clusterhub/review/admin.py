from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from clusterhub.review.models import (
    Assignment,
    CommitteeMember,
    CommitteeRound,
    Conflict,
    Criterion,
    Review,
    ReviewScore,
    RoundApplication,
    Rubric,
)


class CriterionFormSet(forms.BaseInlineFormSet):
    """The criteria kept on the page must add up to 100, as `Rubric.check_weights` asks."""

    def clean(self):
        super().clean()
        weights = [
            form.cleaned_data.get("weight") or 0
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        self.instance.check_weights(weights)


class CriterionInline(admin.TabularInline):
    model = Criterion
    formset = CriterionFormSet
    extra = 0
    fields = ["position", "name_ko", "name_en", "weight", "max_score"]


@admin.register(Rubric)
class RubricAdmin(SimpleHistoryAdmin):
    list_display = ["name_ko", "name_en"]
    search_fields = ["name_ko", "name_en"]
    inlines = [CriterionInline]


@admin.register(Criterion)
class CriterionAdmin(SimpleHistoryAdmin):
    list_display = ["name_ko", "rubric", "weight", "max_score", "position"]
    list_filter = ["rubric"]


class CommitteeMemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0
    raw_id_fields = ["expert"]


@admin.register(CommitteeRound)
class CommitteeRoundAdmin(SimpleHistoryAdmin):
    list_display = ["name", "year", "support_type", "rubric", "quorum", "normalize", "state"]
    list_filter = ["year", "state", "normalize"]
    search_fields = ["name"]
    raw_id_fields = ["created_by"]
    inlines = [CommitteeMemberInline]


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(SimpleHistoryAdmin):
    list_display = ["expert", "round"]
    list_filter = ["round"]
    raw_id_fields = ["expert"]


@admin.register(RoundApplication)
class RoundApplicationAdmin(SimpleHistoryAdmin):
    list_display = ["application", "round"]
    list_filter = ["round"]
    raw_id_fields = ["application"]


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["application", "member", "round"]
    list_filter = ["round"]
    raw_id_fields = ["application", "member"]


@admin.register(Conflict)
class ConflictAdmin(SimpleHistoryAdmin):
    list_display = ["member", "application", "reason", "recused", "detected_at"]
    list_filter = ["reason", "recused", "round"]
    raw_id_fields = ["member", "application"]


class ReviewScoreInline(admin.TabularInline):
    model = ReviewScore
    extra = 0


@admin.register(Review)
class ReviewAdmin(SimpleHistoryAdmin):
    list_display = ["assignment", "submitted_at", "version"]
    list_filter = ["assignment__round"]
    raw_id_fields = ["assignment"]
    inlines = [ReviewScoreInline]


@admin.register(ReviewScore)
class ReviewScoreAdmin(SimpleHistoryAdmin):
    list_display = ["review", "criterion", "score"]
    raw_id_fields = ["review"]
