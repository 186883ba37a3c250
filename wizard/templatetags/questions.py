from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def question(field: BoundField, **options: Any) -> SafeString:
    """`{% question field as_heading=True heading=… hint=… groups=… %}`: one question, as
    the form's renderer writes it (wizard.question_markup), with the page's options."""
    return field.render(context={"field": field, **options})
