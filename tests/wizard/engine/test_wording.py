"""The default words of each plan step (wizard/engine/wording.py), and how they are filled in."""

from __future__ import annotations

from wizard.engine.wording import fill


def test_filling_never_reaches_into_the_values():
    assert fill(
        "{provider.__class__} {provider} {0} {{hotline}}", {"provider": "花呗", "hotline": "1"}
    ) == ("{provider.__class__} 花呗 {0} {1}")
