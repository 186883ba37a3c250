"""The wizard's models (wizard/models/): the shipped step wording is in the database, and
its rules are held by constraints and by full_clean."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import RemediationTextFactory
from wizard.engine.wording import DEFAULT_TEXTS
from wizard.models import RemediationText

pytestmark = pytest.mark.django_db


def test_default_texts_are_stored_in_the_database_for_every_step():
    stored = set(RemediationText.objects.filter(provider=None).values_list("code", flat=True))
    assert stored == set(DEFAULT_TEXTS)


def test_one_default_per_step_and_one_override_per_provider_and_step(bank):
    with pytest.raises(IntegrityError), transaction.atomic():
        RemediationText.objects.create(
            code="ensure_funds", title_zh="a", detail_zh="b", title_en="c", detail_en="d"
        )
    RemediationTextFactory(provider=bank, code="ensure_funds", title_zh="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        RemediationTextFactory(provider=bank, code="ensure_funds", title_zh="y")


def test_a_default_text_cannot_be_left_incomplete():
    with pytest.raises(IntegrityError), transaction.atomic():
        RemediationText.objects.filter(provider=None, code="ensure_funds").update(title_en="")


def test_unknown_placeholders_and_codes_are_refused_with_a_clear_message(bank):
    text = RemediationText(
        code="ensure_funds", provider=bank, title_zh="{provider.__class__} {secret}"
    )
    with pytest.raises(ValidationError) as error:
        text.full_clean()
    assert "secret" in str(error.value.message_dict["title_zh"])
    with pytest.raises(ValidationError) as error:
        RemediationText(code="pay_with_magic", provider=bank, title_zh="x").full_clean()
    assert "code" in error.value.message_dict
