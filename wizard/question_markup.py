"""A question's markup, written in Python: what templates/_field.html writes, minus the cost.

Rendered through the template engine, the questions were a third of a question page's CPU
time (an include per field, a loop, a dozen variable lookups per radio button). This writes
the same elements and attributes directly, and remembers a question's buttons for the
answer it holds, since everyone is shown the same few questions. templates/_field.html
stays the readable reference: tests/wizard/test_page_weight.py renders every page of a
walk both ways (and twice, so that remembered buttons are compared too) and holds them
equal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.forms import BoundField
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext


def render_field(
    field: BoundField,
    *,
    as_heading: bool = False,
    heading: Any = "",
    hint: Any = "",
    groups: Sequence[tuple[Any, Iterable[Any]]] | None = None,
) -> SafeString:
    """One question: a fieldset of radio buttons, or a label and its input.

    With `as_heading`, the page's heading is the fieldset's legend (a page that asks one
    question), and `hint` is tied to it; `groups` sets radio buttons under group labels.
    """
    errors = field.errors
    auto_id = conditional_escape(field.auto_id)
    parts = [f'<div class="field{" field--error" if errors else ""}">']
    if field.widget_type == "radioselect":
        described_by = [f"{auto_id}-hint"] if as_heading and hint else []
        if errors:
            described_by.append(f"{auto_id}-error")
        # An empty aria-describedby is invalid HTML (an IDREFS needs an id): leave it out.
        parts.append(
            f'<fieldset aria-describedby="{" ".join(described_by)}">'
            if described_by
            else "<fieldset>"
        )
        if as_heading:
            parts.append(
                f'<legend class="legend-heading"><h1 tabindex="-1">'
                f"{conditional_escape(heading)}</h1></legend>"
            )
            if hint:
                parts.append(f'<p class="hint" id="{auto_id}-hint">{conditional_escape(hint)}</p>')
        else:
            parts.append(f"<legend>{conditional_escape(field.label)}</legend>")
        if errors:
            parts.append(_error(auto_id, errors[0]))
        if groups:
            for label, radios in groups:
                parts.append(
                    f'<p class="radio-group-label" aria-hidden="true">'
                    f"{conditional_escape(label)}</p>"
                )
                parts.append(_radios(radios))
        else:
            parts.append(_remembered_radios(field))
        parts.append("</fieldset>")
    else:
        parts.append(
            f'<label class="label" for="{conditional_escape(field.id_for_label)}">'
            f"{conditional_escape(field.label)}</label>"
        )
        if field.help_text:
            parts.append(
                f'<p class="hint" id="{auto_id}_helptext">{conditional_escape(field.help_text)}</p>'
            )
        if errors:
            parts.append(_error(auto_id, errors[0]))
        parts.append(str(field))
    parts.append("</div>")
    return mark_safe("\n".join(parts))  # every value above is escaped


def _error(auto_id: str, message: Any) -> str:
    return (
        f'<p class="error-message" id="{auto_id}-error"><span class="visually-hidden">'
        f"{conditional_escape(gettext('错误:'))}</span>{conditional_escape(message)}</p>"
    )


# A question's buttons come out the same for the same answer, errors and language: the
# wizard shows the same few questions to everyone. Remembered per process, a bounded few.
_buttons: dict[tuple[Any, ...], tuple[Any, str]] = {}
MAX_REMEMBERED = 512


def _remembered_radios(field: BoundField) -> str:
    """The field's radio buttons; from memory when it holds a valid answer or none."""
    value = field.value()
    choices = field.field.choices
    if not (value is None or value == "" or field.field.valid_value(value)):
        return _radios(field)  # an answer no button has (tampered with): not worth keeping
    key = (
        field.html_name,
        field.auto_id,
        value,
        bool(field.errors),
        field.field.required,
        field.field.disabled,
        get_language(),
        id(choices),
    )
    known = _buttons.get(key)
    if known is not None and known[0] is choices:
        return known[1]
    if len(_buttons) >= MAX_REMEMBERED:
        _buttons.clear()
    html = _radios(field)
    _buttons[key] = (choices, html)
    return html


def _radios(radios: Iterable[Any]) -> str:
    buttons = "".join(
        f'<div class="radio">{radio.tag()}<label for="{conditional_escape(radio.id_for_label)}">'
        f"{conditional_escape(radio.choice_label)}</label></div>"
        for radio in radios
    )
    return f'<div class="radios">{buttons}</div>'
