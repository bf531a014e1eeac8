from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from clusterhub.accounts.models import RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0
    autocomplete_fields = ["zone", "complex", "organization"]


@admin.register(User)
class ClusterHubUserAdmin(UserAdmin, SimpleHistoryAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Cluster Hub", {"fields": ("person",)}))
    autocomplete_fields = ["person"]
    inlines = [RoleGrantInline]


@admin.register(RoleGrant)
class RoleGrantAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "zone", "complex", "organization"]
    list_filter = ["role", "zone"]
    autocomplete_fields = ["user", "zone", "complex", "organization"]
