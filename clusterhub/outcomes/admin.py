from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from clusterhub.outcomes.models import FollowUpReminder, OutcomeRecord, SuccessStory


@admin.register(OutcomeRecord)
class OutcomeRecordAdmin(SimpleHistoryAdmin):
    list_display = [
        "application",
        "organization",
        "metric",
        "period",
        "value",
        "verified_at",
        "is_demo",
    ]
    list_filter = ["metric", "period", "is_demo", "application__mini_cluster__hub__zone"]
    search_fields = ["application__reference", "organization__name_ko", "organization__name_en"]
    raw_id_fields = ["application", "organization", "entered_by", "verified_by"]
    date_hierarchy = "created_at"


@admin.register(FollowUpReminder)
class FollowUpReminderAdmin(SimpleHistoryAdmin):
    list_display = ["application", "period", "due_on", "recipient_count", "created_at"]
    list_filter = ["period"]
    search_fields = ["application__reference"]
    raw_id_fields = ["application"]


@admin.register(SuccessStory)
class SuccessStoryAdmin(SimpleHistoryAdmin):
    list_display = ["title_ko", "title_en", "application", "consent_at", "published_at", "is_demo"]
    list_filter = ["is_demo"]
    search_fields = ["title_ko", "title_en", "application__reference"]
    raw_id_fields = ["application", "consent_by", "published_by", "written_by"]
