from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

from wizard import fields

register = template.Library()


@register.simple_tag
def question(field: BoundField, **options: Any) -> SafeString:
    """`{% question field %}`: one question's markup (see wizard.fields.render_field)."""
    return fields.render_field(field, **options)
