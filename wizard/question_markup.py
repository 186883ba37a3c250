"""A question's markup: the form renderer every wizard form renders through.

Django hands a form renderer each template it would render for a form, a field or a widget
(`renderer.render(template_name, context)`). Through the template engine a question costs
an include, and each radio button three nested includes and a dozen lookups. `QuestionRenderer`
writes the templates the wizard's pages use directly from the context Django gives it, and
leaves any other to the engine. Saves a quarter of a wizard request, and more than half of a
question page: 8.75 M instructions per request and 8.3 M for the provider page, against 11.8 M
and 21.1 M with every template through the engine (make instructions, 10 walks).

The readable reference is tests/wizard/templates/_field.html with Django's own widget
templates: tests/wizard/test_page_weight.py renders every page of a walk through them and
through this renderer, twice, and holds the pages equal.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from django import forms
from django.forms import BoundField
from django.forms.boundfield import BoundWidget
from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.utils.choices import BaseChoiceIterator
from django.utils.html import conditional_escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Django's widget templates that are input.html and nothing else.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("input", "hidden", "text", "date", "time", "number", "email", "url", "tel")
)
RADIO_OPTION = "django/forms/widgets/radio_option.html"
# Django's form templates: a form with hidden fields only and no errors is those fields.
FORM_TEMPLATES = frozenset(f"django/forms/{name}.html" for name in ("div", "p", "table", "ul"))


class QuestionRenderer(DjangoTemplates):
    """Writes a question (`field_template_name`), its radio buttons and <input>s, and the
    hidden-only management form in Python; any other template goes to the template engine.

    A question's options come in the field's context: `as_heading` (the page's heading is
    the question's legend, for a page that asks one question), `heading`, `hint` (tied to
    the legend) and `groups` (radio buttons under group labels). `{% question %}` passes
    them; `{{ field.as_field_group }}` renders a question without them.
    """

    # Answered here; tests/wizard/templates/_field.html is the reference it must match.
    field_template_name = "_field.html"

    def render(
        self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None
    ) -> str:
        if template_name == self.field_template_name:
            return self.question(**context)
        if template_name in INPUT_TEMPLATES or (
            template_name == RADIO_OPTION and not context["widget"].get("wrap_label")
        ):
            return input_tag(context["widget"])
        if template_name in FORM_TEMPLATES and not context["fields"] and not context["errors"]:
            return "".join(str(field) for field in context["hidden_fields"])
        return super().render(template_name, context, request)

    def question(
        self,
        *,
        field: BoundField,
        as_heading: bool = False,
        heading: Any = "",
        hint: Any = "",
        groups: Iterable[tuple[Any, Iterable[BoundWidget]]] | None = None,
    ) -> str:
        """One question: a fieldset of radio buttons, or a label and its input."""
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
                    parts.append(
                        f'<p class="hint" id="{auto_id}-hint">{conditional_escape(hint)}</p>'
                    )
            else:
                parts.append(f"<legend>{conditional_escape(field.label)}</legend>")
            if errors:
                parts.append(error_message(auto_id, errors[0]))
            if groups:
                for label, radios in groups:
                    if label:  # an option that needs no heading stands on its own
                        parts.append(
                            f'<p class="radio-group-label" aria-hidden="true">'
                            f"{conditional_escape(label)}</p>"
                        )
                    parts.append(radio_buttons(radios))
            else:
                parts.append(radio_buttons(field))
            parts.append("</fieldset>")
        else:
            parts.append(
                f'<label class="label" for="{conditional_escape(field.id_for_label)}">'
                f"{conditional_escape(field.label)}</label>"
            )
            if field.help_text:
                parts.append(
                    f'<p class="hint" id="{auto_id}_helptext">'
                    f"{conditional_escape(field.help_text)}</p>"
                )
            if errors:
                parts.append(error_message(auto_id, errors[0]))
            parts.append(str(field))
        parts.append("</div>")
        return "\n".join(parts)  # every value above is escaped


def error_message(auto_id: str, message: Any) -> str:
    return (
        f'<p class="error-message" id="{auto_id}-error"><span class="visually-hidden">'
        f"{conditional_escape(gettext('错误:'))}</span>{conditional_escape(message)}</p>"
    )


def radio_buttons(radios: Iterable[BoundWidget]) -> str:
    buttons = "".join(
        f'<div class="radio">{radio_tag(radio)}<label for="{escape(radio.id_for_label)}">'
        f"{escape(radio.choice_label)}</label></div>"
        for radio in radios
    )
    return f'<div class="radios">{buttons}</div>'


def radio_tag(radio: BoundWidget) -> str:
    """`radio.tag()`, without the round through the widget for the one template we know."""
    if radio.template_name == RADIO_OPTION:
        return input_tag(radio.data)
    return radio.tag()


def input_tag(widget: Mapping[str, Any]) -> str:
    """What django/forms/widgets/input.html (with attrs.html) writes for this widget."""
    tag = f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"'
    if widget["value"] is not None:
        tag += f' value="{escape(widget["value"])}"'
    for name, value in widget["attrs"].items():
        if value is True:
            tag += f" {escape(name)}"
        elif value is not False:
            tag += f' {escape(name)}="{escape(value)}"'
    return tag + ">"


def escape(value: Any) -> str:
    """django.utils.html.conditional_escape without its lazy-string wrapper."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


renderer = QuestionRenderer()


class Choices(BaseChoiceIterator):
    """A field's choices as one value that is never changed: Django's normalised form
    ((value, label) pairs, or (group label, pairs) for groups), shared by every copy.

    Each form deep-copies its fields, and Django copies and normalises every field's choices
    twice (once for the field, once for its widget), translated labels and all; the wizard
    makes a form for every answered page on each request. Copies of this value are the value
    itself, as Django's own lazy strings are. Saves a tenth of a wizard request: 8.75 M
    instructions, 9.85 M with Django's copies (make instructions, 10 walks).
    """

    def __init__(self, choices: Iterable[tuple[Any, Any]]) -> None:
        self.choices = tuple(choices)

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        return iter(self.choices)

    def __copy__(self) -> Choices:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Choices:
        return self


def radio(
    label: StrOrPromise,
    choices: Iterable[tuple[Any, Any]],
    required_message: StrOrPromise,
    **kwargs: Any,
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=Choices(choices),
        widget=forms.RadioSelect,
        error_messages={
            "required": required_message,
            "invalid_choice": _("请从列出的选项中选择一项"),
        },
        **kwargs,
    )
