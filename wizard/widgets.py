"""Form widgets for the wizard's pages."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer
from django.utils.safestring import SafeString, mark_safe


class RadioSelect(forms.RadioSelect):
    """Django's radio buttons, with each button's <input> written without the template engine.

    Rendering one small template per button through the form renderer (three
    nested includes each) took most of the time a question page needed. The
    markup is exactly Django's input.html; tests/wizard/test_page_weight.py
    renders every page both ways and holds them equal.
    """

    def __deepcopy__(self, memo: dict[int, Any]) -> RadioSelect:
        # Each form's copy shares the choices (see wizard.forms.SharedChoiceField):
        # Django copies and normalises them again for every form made.
        return forms.Widget.__deepcopy__(self, memo)

    def _render(
        self, template_name: str, context: dict[str, Any], renderer: BaseRenderer | None = None
    ) -> SafeString:
        widget = context["widget"]
        if template_name == self.option_template_name and not widget.get("wrap_label"):
            return input_tag(widget)
        return super()._render(template_name, context, renderer)


class DirectInput(forms.widgets.Input):
    """An <input> widget written without the template engine, exactly as input.html does."""

    def _render(
        self, template_name: str, context: dict[str, Any], renderer: BaseRenderer | None = None
    ) -> SafeString:
        if template_name == self.template_name:
            return input_tag(context["widget"])
        return super()._render(template_name, context, renderer)


class HiddenInput(DirectInput, forms.HiddenInput):
    """Django's hidden input: every page has one."""


class DateInput(DirectInput, forms.DateInput):
    """Django's date input (the timing page asks two dates)."""


class TimeInput(DirectInput, forms.TimeInput):
    """Django's time input."""


def input_tag(widget: Mapping[str, Any]) -> SafeString:
    """What django/forms/widgets/input.html (with attrs.html) renders for this widget data."""
    html = f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"'
    if widget["value"] is not None:
        html += f' value="{escape(widget["value"])}"'
    for name, value in widget["attrs"].items():
        if value is True:
            html += f" {escape(name)}"
        elif value is not False:
            html += f' {escape(name)}="{escape(value)}"'
    return mark_safe(html + ">")


def escape(value: Any) -> str:
    """django.utils.html.conditional_escape without its lazy-string wrapper."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))
