"""The file formats staff export and import records in (django-import-export).

CSV is opened in a spreadsheet, where a cell beginning with `=`, `+`, `-` or `@` is run as a
formula: `=HYPERLINK(...)` in a pattern's text, typed by anyone who reached the admin, would
run on a colleague's machine (CSV injection, OWASP). So every such cell is exported behind a
leading apostrophe, which spreadsheets show as text; importing takes the apostrophe off
again, so an export imports back unchanged. (django-import-export's own
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT drops the `=` instead, which changes the data, leaves
`+ - @` alone, and writes empty cells as "None", JSON files included.)

A field too large to be a record's is refused by name, before Python's csv module stops at its
own limit with an error the admin could only call "'Error' encountered".
"""

from __future__ import annotations

import csv
from typing import Any

from django.utils.translation import gettext as _
from import_export.formats import base_formats

# What makes a spreadsheet read a cell as a formula (OWASP, CSV injection), and the apostrophe
# that makes it text. A cell that already begins with an apostrophe gets one more, so that
# taking one off on import always gives back what was exported.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"
# The longest text any field of a record holds is a few thousand characters (a pattern's
# phrases, a provider's sourced quotes); this is far above it and below the upload limit.
FIELD_MAX_CHARS = 100_000
# The csv module's own limit (128 KB) would stop reading before a field could be measured.
csv.field_size_limit(max(csv.field_size_limit(), 4 * FIELD_MAX_CHARS))


class FieldTooLarge(ValueError):
    """An imported field over FIELD_MAX_CHARS; the message names the row, column and limit."""


def escape_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, TEXT_MARK)):
        return TEXT_MARK + value
    return value


def unescape_cell(value: Any) -> Any:
    if (
        isinstance(value, str)
        and value.startswith(TEXT_MARK)
        and value[1:].startswith((*FORMULA_STARTS, TEXT_MARK))
    ):
        return value[1:]
    return value


def check_field_sizes(dataset: Any) -> None:
    """Refuse the file at its first field over the limit, naming it."""
    headers = dataset.headers or []
    for number, row in enumerate(dataset, start=2):  # row 1 holds the column names
        for column, value in enumerate(row):
            if isinstance(value, str) and len(value) > FIELD_MAX_CHARS:
                name = headers[column] if column < len(headers) else str(column + 1)
                message = _(
                    "第 %(row)s 行的“%(field)s”有 %(size)s 个字符,"
                    "超过了每格 %(limit)s 个字符的上限。"
                )
                raise FieldTooLarge(
                    message
                    % {"row": number, "field": name, "size": len(value), "limit": FIELD_MAX_CHARS}
                )


class SpreadsheetCSV(base_formats.CSV):
    """CSV safe to open in a spreadsheet, that imports back as it was exported."""

    def export_data(self, dataset: Any, **kwargs: Any) -> Any:
        escaped = dataset.__class__(headers=dataset.headers, title=dataset.title)
        for row in dataset:
            escaped.append([escape_cell(value) for value in row])
        return escaped.export(self.get_title(), **kwargs)

    def create_dataset(self, in_stream: Any, **kwargs: Any) -> Any:
        dataset = super().create_dataset(in_stream, **kwargs)
        check_field_sizes(dataset)
        unescaped = dataset.__class__(headers=dataset.headers, title=dataset.title)
        for row in dataset:
            unescaped.append([unescape_cell(value) for value in row])
        return unescaped


class CheckedJSON(base_formats.JSON):
    """JSON as django-import-export reads it, with the same field size limit as CSV."""

    def create_dataset(self, in_stream: Any, **kwargs: Any) -> Any:
        dataset = super().create_dataset(in_stream, **kwargs)
        check_field_sizes(dataset)
        return dataset


FORMATS = [SpreadsheetCSV, CheckedJSON]


class NamedImportErrors:
    """Admin mixin: a file refused for a reason we can name shows that reason, not the
    exception's class name."""

    def add_data_read_fail_error_to_form(self, form: Any, e: Exception) -> None:
        if isinstance(e, FieldTooLarge):
            form.add_error("import_file", str(e))
            return
        super().add_data_read_fail_error_to_form(form, e)  # type: ignore[misc]
