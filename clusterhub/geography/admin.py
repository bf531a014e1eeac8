from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from clusterhub.geography.models import Complex, ComplexLink, Zone


@admin.register(Zone)
class ZoneAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_ko", "name_en", "position"]
    search_fields = ["code", "name_ko", "name_en"]
    filter_horizontal = ["specialized_industries"]


class ComplexLinkInline(admin.TabularInline):
    model = ComplexLink
    fk_name = "hub"
    extra = 0
    autocomplete_fields = ["connected"]


@admin.register(Complex)
class ComplexAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_ko", "name_en", "zone", "complex_type", "is_hub", "program_phase"]
    list_filter = ["zone", "complex_type", "is_hub", "program_phase"]
    search_fields = ["code", "name_ko", "name_en"]
    filter_horizontal = ["specialized_industries"]
    inlines = [ComplexLinkInline]


@admin.register(ComplexLink)
class ComplexLinkAdmin(SimpleHistoryAdmin):
    list_display = ["hub", "connected", "since_year"]
    autocomplete_fields = ["hub", "connected"]
