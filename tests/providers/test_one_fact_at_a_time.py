"""The provider page, one fact at a time: each fact a short row that opens to edit it alone,
save at the top, a new value refused while its provenance is left as it was, a reason for the
history, and the history said in words."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from providers.fact_fields import changed_without_provenance, fact_row, owner_of, value_fields
from providers.facts import Certainty, Fact
from providers.models import EDITABLE_FIELDS, Provider, provenance_fields
from tests.factories import ProviderFactory
from tests.providers.helpers import provider_form_data

pytestmark = pytest.mark.django_db


def change_url(provider: Provider) -> str:
    return f"/admin/providers/provider/{provider.pk}/change/"


def test_every_editable_field_belongs_to_one_fact_or_to_the_record():
    facts = {name: owner_of(name) for name in EDITABLE_FIELDS}
    assert facts["grace_ends_at"] == Fact.GRACE
    # The tolerance and the autopay time carry provenance of their own (issue 21).
    assert facts["grace_tolerance_yuan"] == Fact.TOLERANCE
    assert facts["autopay_funded_by"] == Fact.AUTOPAY_TIME
    assert facts["autopay_how_zh"] == Fact.AUTOPAY
    assert facts["min_payment_covers_instalments"] == Fact.MIN_PAYMENT
    assert facts["hotline_alt2_label_en"] == Fact.HOTLINE
    assert facts["official_site"] == Fact.REPAY_PATH
    assert facts["slug"] is None and facts["name_zh"] is None
    for fact in Fact:
        assert value_fields(fact), fact
        assert not set(value_fields(fact)) & set(provenance_fields(fact))


def test_a_fact_row_says_value_certainty_and_checked_date_in_words():
    bank = ProviderFactory.build(grace_days=3, grace_ends_at=dt.time(16, 0), unverified=["grace"])
    row = fact_row(bank, Fact.GRACE)
    assert row.value.startswith("3 天 · 16:00")
    assert row.certainty is Certainty.WEAK
    assert row.checked_on == dt.date(2026, 11, 1)
    assert "16:00:00" not in row.value


def test_the_page_shows_each_fact_folded_with_save_at_the_top(support_client):
    bank = ProviderFactory(grace_days=3, grace_ends_at=dt.time(16, 0))
    html = support_client.get(change_url(bank)).content.decode()
    rows = re.findall(r'<details class="fact-row" id="fact-(\w+)"( open)?>', html)
    assert [fact for fact, _open in rows] == list(Fact.values)
    assert not any(opened for _fact, opened in rows)
    assert html.index('name="_save"') < html.index('class="fact-row"')
    assert "2026-11-01 核对" in html and "机构官方确认" in html
    # Every field is still on the form, inside its fact's row.
    assert 'name="grace_certainty"' in html and 'name="grace_note"' in html


def test_asking_for_one_fact_opens_that_row_alone(support_client):
    bank = ProviderFactory()
    html = support_client.get(change_url(bank) + "?fact=grace").content.decode()
    opened = re.findall(r'<details class="fact-row" id="fact-(\w+)" open>', html)
    assert opened == ["grace"]


def test_a_new_value_with_its_provenance_left_as_it_was_is_refused_naming_the_fields(
    support_client,
):
    bank = ProviderFactory(grace_days=3, grace_ends_at=dt.time(16, 0))
    response = support_client.post(
        change_url(bank), provider_form_data(bank, grace_ends_at="17:00")
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["grace_checked_on"]
    message = str(errors["grace_checked_on"])
    for label in ("宽限期最后一天的截止时间", "宽限期:来源", "宽限期:可信度", "宽限期:核对日期"):
        assert label in message
    # The refused fact opens by itself, the others stay folded.
    html = response.content.decode()
    assert re.findall(r'<details class="fact-row" id="fact-(\w+)" open>', html) == ["grace"]
    bank.refresh_from_db()
    assert bank.grace_ends_at == dt.time(16, 0)


def test_a_new_value_with_a_new_checked_date_is_saved_with_the_reason_given(support_client):
    bank = ProviderFactory(grace_days=3, grace_ends_at=dt.time(16, 0))
    data = provider_form_data(
        bank,
        grace_ends_at="17:00",
        grace_quote="第三天 17:00 前到账视为按时还款",
        grace_checked_on="2026-12-07",
        change_reason="12 月公告:宽限期截止改为 17:00",
    )
    assert support_client.post(change_url(bank), data).status_code == 302
    bank.refresh_from_db()
    assert bank.grace_ends_at == dt.time(17, 0)
    assert bank.history.latest().history_change_reason == "12 月公告:宽限期截止改为 17:00"


def test_without_a_reason_the_history_names_the_facts_changed(support_client):
    bank = ProviderFactory()
    data = provider_form_data(bank, hotline="95566", hotline_checked_on="2026-12-07")
    assert support_client.post(change_url(bank), data).status_code == 302
    assert bank.history.latest().history_change_reason == "修改了:客服电话"


def test_only_the_values_changed_count():
    assert changed_without_provenance(Fact.GRACE, ["hotline"]) == ((), ())
    values, untouched = changed_without_provenance(Fact.GRACE, ["grace_days", "grace_source"])
    assert values == ("grace_days",)
    assert untouched == ("grace_certainty", "grace_quote", "grace_checked_on")
    assert changed_without_provenance(Fact.GRACE, ["grace_days", "grace_checked_on"])[1] == ()
    # Checked earlier today already: a new source, quote or certainty shows it was looked up.
    assert changed_without_provenance(
        Fact.GRACE, ["grace_days", "grace_source"], checked_today=True
    ) == (("grace_days",), ())
    assert changed_without_provenance(Fact.GRACE, ["grace_days"], checked_today=True)[1]


def test_the_history_says_each_change_in_words(support_client):
    bank = ProviderFactory(grace_days=3, grace_ends_at=dt.time(16, 0), unverified=["grace"])
    data = provider_form_data(
        bank,
        grace_ends_at="17:00",
        grace_certainty="official",
        grace_checked_on="2026-12-07",
        change_reason="银行公告",
    )
    assert support_client.post(change_url(bank), data).status_code == 302
    html = support_client.get(f"/admin/providers/provider/{bank.pk}/history/").content.decode()
    start = html.index('id="change-history"')
    table = html[start : html.index("</table>", start)]
    assert "宽限期最后一天的截止时间</strong>:16:00 → 17:00" in table
    assert "网上资料,未经官方确认 → 机构官方确认" in table
    assert "2026-11-01 → 2026-12-07" in table
    assert "银行公告" in table
    for raw in ("weak", "official", "None", "16:00:00", "Changes", "Change reason", "Object"):
        assert raw not in table, raw


def test_the_history_columns_are_named_in_chinese_in_a_chinese_session(support_client):
    bank = ProviderFactory()
    html = support_client.get(
        f"/admin/providers/provider/{bank.pk}/history/", HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    head = html[html.index("<thead>") : html.index("</thead>")]
    assert not re.search(r"[A-Za-z]{3,}", re.sub(r"<[^>]+>", "", head))
