"""Template helpers for the support console's pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter(name="entry")
def entry(mapping: Mapping[str, Any] | None, key: object) -> Any:
    """`{{ fact_rows|entry:fieldset.name }}`: a mapping's value for a key the template holds."""
    if not mapping:
        return None
    return mapping.get(str(key))
