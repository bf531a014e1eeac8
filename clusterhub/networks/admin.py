from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from clusterhub.networks.models import (
    Attendance,
    MiniCluster,
    MiniClusterMembership,
    NetworkingActivity,
    SIGMembership,
    SpecialInterestGroup,
)


class MembershipInline(admin.TabularInline):
    model = MiniClusterMembership
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(MiniCluster)
class MiniClusterAdmin(SimpleHistoryAdmin):
    list_display = ["name_ko", "name_en", "hub", "industry", "coordinator", "is_active"]
    list_filter = ["hub__zone", "is_active"]
    search_fields = ["name_ko", "name_en", "slug"]
    autocomplete_fields = ["hub", "industry", "coordinator"]
    inlines = [MembershipInline]


@admin.register(SpecialInterestGroup)
class SpecialInterestGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name_ko", "name_en", "mini_cluster", "is_active"]
    search_fields = ["name_ko", "name_en"]
    autocomplete_fields = ["mini_cluster"]
    filter_horizontal = ["complexes"]


@admin.register(MiniClusterMembership)
class MiniClusterMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["mini_cluster", "organization", "role", "joined_on", "left_on"]
    list_filter = ["role", "mini_cluster__hub__zone"]
    autocomplete_fields = ["mini_cluster", "organization"]


@admin.register(SIGMembership)
class SIGMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["sig", "organization", "joined_on", "left_on"]
    autocomplete_fields = ["sig", "organization"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["organization", "person"]


@admin.register(NetworkingActivity)
class NetworkingActivityAdmin(SimpleHistoryAdmin):
    list_display = ["held_on", "title_ko", "kind", "mini_cluster", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["title_ko", "title_en"]
    date_hierarchy = "held_on"
    autocomplete_fields = ["mini_cluster", "sig"]
    inlines = [AttendanceInline]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["activity", "organization", "person", "headcount"]
    autocomplete_fields = ["activity", "organization", "person"]
