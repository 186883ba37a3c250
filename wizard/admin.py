from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wizard.models import RemediationText


@admin.register(RemediationText)
class RemediationTextAdmin(SimpleHistoryAdmin):
    list_display = ["code", "provider", "title_zh", "updated_at"]
    list_filter = ["code", ("provider", admin.EmptyFieldListFilter)]
    list_select_related = ["provider"]
    search_fields = [
        "code",
        "title_zh",
        "title_en",
        "detail_zh",
        "provider__slug",
        "provider__name_zh",
    ]
    autocomplete_fields = ["provider"]
