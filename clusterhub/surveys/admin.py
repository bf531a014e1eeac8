from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from clusterhub.surveys.models import Invitation, Question, Response, Survey


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["position", "text_ko", "text_en", "kind", "required", "counts_toward_satisfaction"]


@admin.register(Survey)
class SurveyAdmin(SimpleHistoryAdmin):
    list_display = ["title_ko", "title_en", "year", "level", "status", "is_anonymous", "is_demo"]
    list_filter = ["year", "status", "level", "is_demo"]
    search_fields = ["title_ko", "title_en"]
    raw_id_fields = ["mini_cluster", "complex", "zone", "created_by"]
    inlines = [QuestionInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: the token is a respondent's credential and is not shown."""

    list_display = ["survey", "person", "audience", "sent_at", "responded_at"]
    list_filter = ["audience", "survey__year"]
    search_fields = ["person__name_ko", "person__name_en", "survey__title_ko"]
    exclude = ["token"]
    raw_id_fields = ["survey", "person"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["survey", "audience", "submitted_at", "is_demo"]
    list_filter = ["audience", "is_demo", "survey__year"]
    raw_id_fields = ["survey", "invitation"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
