from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

from wizard import question_markup

register = template.Library()


@register.simple_tag
def question(field: BoundField, **options: Any) -> SafeString:
    """`{% question field %}`: one question's markup (see wizard.question_markup)."""
    return question_markup.render_field(field, **options)
