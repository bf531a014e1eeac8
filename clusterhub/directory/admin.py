from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from clusterhub.directory.models import Affiliation, ExpertProfile, Organization, Person


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["organization", "person"]


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name_ko", "name_en", "kind", "zone", "complex", "size", "is_demo"]
    list_filter = ["kind", "zone", "size", "is_demo"]
    search_fields = ["name_ko", "name_en", "slug"]
    autocomplete_fields = ["complex", "industry"]
    inlines = [AffiliationInline]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name_ko", "name_en", "email", "is_demo"]
    list_filter = ["is_demo"]
    search_fields = ["name_ko", "name_en", "email"]
    inlines = [AffiliationInline]


@admin.register(Affiliation)
class AffiliationAdmin(SimpleHistoryAdmin):
    list_display = ["person", "organization", "position_en", "started_on", "ended_on"]
    autocomplete_fields = ["person", "organization"]


@admin.register(ExpertProfile)
class ExpertProfileAdmin(SimpleHistoryAdmin):
    list_display = ["person", "field", "years_of_experience", "is_available", "is_demo"]
    list_filter = ["field", "is_available", "is_demo"]
    search_fields = ["person__name_ko", "person__name_en", "skills_ko", "skills_en"]
    autocomplete_fields = ["person"]
    filter_horizontal = ["industries"]
