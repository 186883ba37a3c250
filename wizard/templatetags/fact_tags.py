from __future__ import annotations

from django import template

from providers.facts import Certainty
from wizard.cases.fact_display import CERTAINTY_SHOWN

register = template.Library()


@register.filter(name="certainty_css")
def certainty_css(certainty: str) -> str:
    """`tag--{{ rung.certainty|certainty_css }}`: how a fact's certainty tag looks, as on the
    provider's facts (wizard.cases.fact_display)."""
    return CERTAINTY_SHOWN.get(Certainty(certainty), "unverified")
