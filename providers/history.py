"""The support console's history pages in words: a field by the label staff chose, a choice by
its label (not `weak`), a time as 16:00 (not 16:00:00), an empty value said as empty."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import HistoricalChanges, ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper


def in_words(field: models.Field, value: object) -> str:
    """One stored value as staff would say it."""
    if value is None or value == "" or value == []:
        return _("(空)")
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if field.choices:
        labels = dict(field.flatchoices)
        if isinstance(value, list):
            return "、".join(str(labels.get(item, item)) for item in value)
        return str(labels.get(value, value))
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class WordedRecordHelper(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change: ModelChange, value: Any) -> Any:
        field = self.model._meta.get_field(change.field)
        if isinstance(field, models.ManyToManyField | models.ForeignKey):
            return super().prepare_delta_change_value(change, value)
        return in_words(field, value)


class WordedHistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history page says each change in words, with its reason."""

    object_history_list_template = "simple_history/object_history_list.html"

    def get_historical_record_context_helper(
        self, request: HttpRequest, historical_record: HistoricalChanges
    ) -> HistoricalRecordContextHelper:
        return WordedRecordHelper(self.model, historical_record)
