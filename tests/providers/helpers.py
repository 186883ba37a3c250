"""What the provider admin's change form posts, so tests type only the fields they change."""

from __future__ import annotations

from providers.models import Provider
from tests.wizard.helpers import shanghai


def provider_form_data(provider: Provider, **changes: object) -> dict[str, object]:
    """What the change form posts for `provider` untouched, with `changes` typed over it."""
    data: dict[str, object] = {
        "slug": provider.slug,
        "name_zh": provider.name_zh,
        "name_en": provider.name_en,
        "kind": provider.kind,
        "display_order": provider.display_order,
        "hotline": provider.hotline,
        "hotline_alt": provider.hotline_alt,
        "repay_path_zh": provider.repay_path_zh,
        "repay_path_en": provider.repay_path_en,
        "official_site": provider.official_site,
        "cutoff_time": provider.cutoff_time.strftime("%H:%M"),
        "grace_days": provider.grace_days,
        "late_fee_zh": provider.late_fee_zh,
        "late_fee_en": provider.late_fee_en,
        "autopay_how_zh": provider.autopay_how_zh,
        "autopay_how_en": provider.autopay_how_en,
        "source": provider.source,
        "verified_on": provider.verified_on.isoformat() if provider.verified_on else "",
        "unverified_facts": list(provider.unverified_facts),
        **inline_management("maintenance_windows"),
        **inline_management("step_texts"),
    }
    if provider.is_active:
        data["is_active"] = "on"
    if provider.autopay_available:
        data["autopay_available"] = "on"
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
