"""The default words of each plan step (wizard/engine/wording.py), and how they are filled in."""

from __future__ import annotations

from tests.wizard.engine.helpers import plan_for_answers
from tests.wizard.helpers import make_facts
from wizard.engine.wording import fill


def test_filling_never_reaches_into_the_values():
    assert fill(
        "{provider.__class__} {provider} {0} {{hotline}}", {"provider": "花呗", "hotline": "1"}
    ) == ("{provider.__class__} 花呗 {0} {1}")


def test_english_plan_uses_english_text_and_provider_name():
    plan = plan_for_answers(language="en", facts=make_facts(name_en="Test Bank"))
    contact = next(s for s in plan.steps if s.code == "contact_provider")
    assert contact.title == "Contact Test Bank: 95500"
    assert "测试" not in contact.detail
