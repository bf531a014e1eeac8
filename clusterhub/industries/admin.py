from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from clusterhub.industries.models import Industry


@admin.register(Industry)
class IndustryAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_ko", "name_en", "parent"]
    search_fields = ["code", "name_ko", "name_en"]
    autocomplete_fields = ["parent"]
