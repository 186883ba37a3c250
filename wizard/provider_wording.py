"""The plan wording in force: the database's texts over the shipped defaults, cached."""

from __future__ import annotations

from config.shared import SharedValue
from wizard.engine.wording import DEFAULT_TEXTS, StepText, merge
from wizard.models import RemediationText

CACHE_KEY = "wizard:step-texts:v2"
CACHE_SECONDS = 60 * 60

Catalog = tuple[dict[str, StepText], dict[str, dict[str, StepText]]]


def _from_database() -> Catalog:
    """(defaults by code, overrides by provider slug and code), in one query."""
    defaults: dict[str, StepText] = {}
    overrides: dict[str, dict[str, StepText]] = {}
    for row in RemediationText.objects.select_related("provider"):
        if row.provider is None:
            defaults[row.code] = row.as_step_text()
        else:
            overrides.setdefault(row.provider.slug, {})[row.code] = row.as_step_text()
    return defaults, overrides


wording: SharedValue[Catalog] = SharedValue(CACHE_KEY, _from_database, seconds=CACHE_SECONDS)


def step_texts_for(provider_slug: str) -> dict[str, StepText]:
    """Every step's text for one provider: its override, else the default, else the shipped one."""
    defaults, overrides = wording.get()
    texts = {**DEFAULT_TEXTS, **defaults}
    for code, override in overrides.get(provider_slug, {}).items():
        texts[code] = merge(override, texts.get(code, override))
    return texts


def forget_step_texts(**_signal_kwargs: object) -> None:
    """Drop the shared wording now and again on commit, so the next plan reads the rows."""
    wording.forget()
