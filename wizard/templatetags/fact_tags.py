from __future__ import annotations

from django import template
from django.utils.translation import get_language

from providers.facts import Certainty
from wizard.cases.fact_display import CERTAINTY_SHOWN
from wizard.engine.punctuation import punctuate

register = template.Library()


@register.filter(name="certainty_css")
def certainty_css(certainty: str) -> str:
    """`tag--{{ rung.certainty|certainty_css }}`: how a fact's certainty tag looks, as on the
    provider's facts (wizard.cases.fact_display)."""
    return CERTAINTY_SHOWN.get(Certainty(certainty), "unverified")


@register.filter(name="punctuated")
def punctuated(text: object) -> str:
    """`{{ label|punctuated }}`: a label written elsewhere (a certainty's, a staff note's)
    with the page's punctuation: full-width next to Chinese, as the plan's own sentences."""
    return punctuate(str(text), language=get_language() or "zh-hans")
