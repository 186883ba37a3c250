"""What the provider admin's change form posts, so tests type only the fields they change."""

from __future__ import annotations

import datetime as dt

from providers.models import EDITABLE_FIELDS, Provider
from tests.wizard.helpers import shanghai


def provider_form_data(provider: Provider, **changes: object) -> dict[str, object]:
    """What the change form posts for `provider` untouched, with `changes` typed over it."""
    data: dict[str, object] = {}
    for name in EDITABLE_FIELDS:
        value = getattr(provider, name)
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, dt.time):
            data[name] = value.strftime("%H:%M")
        elif isinstance(value, dt.date):
            data[name] = value.isoformat()
        elif value is None:
            data[name] = ""
        else:
            data[name] = value
    data.update(
        **inline_management("grace_tiers"),
        **inline_management("maintenance_windows"),
        **inline_management("step_texts"),
    )
    data.update(changes)
    return data


def inline_management(prefix: str, *, total: int = 0, initial: int = 0) -> dict[str, object]:
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }


def window_rows(*windows: tuple[str, str]) -> dict[str, object]:
    """New maintenance-window rows on the provider page, as (start, end) in Shanghai time."""
    data = inline_management("maintenance_windows", total=len(windows))
    for index, (starts, ends) in enumerate(windows):
        start, end = shanghai(starts), shanghai(ends)
        data |= {
            f"maintenance_windows-{index}-starts_at_0": start.date().isoformat(),
            f"maintenance_windows-{index}-starts_at_1": start.strftime("%H:%M"),
            f"maintenance_windows-{index}-ends_at_0": end.date().isoformat(),
            f"maintenance_windows-{index}-ends_at_1": end.strftime("%H:%M"),
            f"maintenance_windows-{index}-notice_zh": "系统升级",
            f"maintenance_windows-{index}-notice_en": "Upgrade",
            f"maintenance_windows-{index}-source": "https://bank.example.com/notice",
        }
    return data
