from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from wizard.rich_text import render_rich_text

register = template.Library()


@register.filter(name="rich_text")
def rich_text(text: str) -> SafeString:
    """`{{ step.detail|rich_text }}`: staff Markdown as sanitised HTML paragraphs."""
    return render_rich_text(str(text))
