"""The support console for message patterns (wizard/triage/admin.py): the triage list of
messages nobody recognised, the preview before a pattern goes live, and the refusal of a
live pattern that would read a labelled example wrong."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import ProviderFactory
from tests.wizard.test_query_budgets import ADMIN_BUDGET
from wizard.models import MessagePattern, UnmatchedMessage
from wizard.triage.checks import StoredMessage, labelled_examples, preview_pattern
from wizard.triage.patterns import current_patterns, note_unmatched, read_message
from wizard.triage.resources import COLUMNS, MessagePatternResource

pytestmark = pytest.mark.django_db

ADD = "/admin/wizard/messagepattern/add/"
ADD_PREVIEW = "/admin/wizard/messagepattern/preview/"
IMPORT = "/admin/wizard/messagepattern/import/"
CONFIRM = "/admin/wizard/messagepattern/process_import/"
TRIAGE = "/admin/wizard/unmatchedmessage/"
CSV = "0"
# Read by the shipped patterns as insufficient_funds / failed (wizard/decoder/examples.json).
FUNDS_EXAMPLE = "用户银行卡余额不足"


def form_data(**changes: object) -> dict[str, object]:
    """Everything the pattern form posts, for a pattern nobody has seen before."""
    data: dict[str, object] = {
        "phrases": "卡片尚未激活",
        "code": "",
        "code_namespace": "",
        "vendor_name": "",
        "regex": "",
        "provider": "",
        "channel": "",
        "priority": "0",
        "outcome": "failed",
        "symptom": "card_problem",
        "alternatives": "[]",
        "question_zh": "",
        "question_en": "",
        "explanation_zh": "这张卡还没有激活,暂时不能付款。",
        "explanation_en": "This card has not been activated yet, so it cannot pay.",
        "next_step_zh": "先按发卡行的说明激活这张卡,再还款。",
        "next_step_en": "Activate the card as the issuer explains, then repay.",
        "source": "https://example.com/messages",
        "quote": "",
        "certainty": "weak",
        "checked_on": "",
        "status": "draft",
        "key": "",
    }
    return {**data, **changes}


def pattern_data(pattern: MessagePattern, **changes: object) -> dict[str, object]:
    data = {name: getattr(pattern, name) for name in form_data() if name != "provider"}
    data |= {
        "provider": pattern.provider_id or "",
        "alternatives": str(pattern.alternatives).replace("'", '"'),
        "checked_on": pattern.checked_on.isoformat() if pattern.checked_on else "",
    }
    return {**data, **changes}


def page_text(response) -> str:  # type: ignore[no-untyped-def]
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text))


def seen(text: str, times: int, *, provider: str | None = None, channel: str | None = None):  # type: ignore[no-untyped-def]
    for _ in range(times):
        note_unmatched(text=text, provider=provider, channel=channel, now=timezone.now())


# The triage list


def test_the_triage_list_puts_the_most_frequent_message_first_and_links_a_prefilled_draft(
    staff_client, shipped_patterns
):
    ProviderFactory(slug="bank")
    seen("偶尔一次的提示", 1)
    seen("您的卡片尚未激活(尾号8812)，请联系发卡行", 5, provider="bank", channel="app")
    seen("中间的提示", 3)
    response = staff_client.get(TRIAGE)
    text = page_text(response)
    assert response.status_code == 200
    assert text.index("尾号#") < text.index("中间的提示") < text.index("偶尔一次的提示")
    assert "8812" not in text  # the card tail was redacted before it was stored
    assert "未识别的提示" in text and "据此新建规则" in text
    links = re.findall(
        r'href="(/admin/wizard/messagepattern/add/\?[^"]+)"', response.content.decode()
    )
    assert len(links) == 3
    query = parse_qs(urlparse(html.unescape(links[0])).query)
    assert query["phrases"] == ["您的卡片尚未激活尾号\n请联系发卡行"]
    assert (query["provider"], query["channel"], query["status"]) == (["bank"], ["app"], ["draft"])
    assert "add/" not in " ".join(
        re.findall(r'href="(/admin/wizard/unmatchedmessage/[^"]*)"', response.content.decode())
    )


def test_the_add_form_takes_the_prefill_and_saves_it_as_a_draft(staff_client, shipped_patterns):
    bank = ProviderFactory(slug="bank")
    seen("您的卡片尚未激活(尾号8812)，请联系发卡行", 2, provider="bank", channel="app")
    link = re.search(
        r'href="(/admin/wizard/messagepattern/add/\?[^"]+)"',
        staff_client.get(TRIAGE).content.decode(),
    ).group(1)
    form = staff_client.get(html.unescape(link)).content.decode()
    assert re.search(
        r"<textarea[^>]*name=\"phrases\"[^>]*>\s*您的卡片尚未激活尾号\n请联系发卡行</textarea>",
        form,
    )
    assert re.search(rf'<option value="{bank.pk}" selected>', form)
    assert re.search(r'<option value="app" selected>', form)
    assert re.search(r'<option value="draft" selected>', form)
    data = form_data(phrases="您的卡片尚未激活尾号\n请联系发卡行", provider=bank.pk, channel="app")
    response = staff_client.post(ADD, data)
    assert response.status_code == 302, page_text(response)[:2000]
    saved = MessagePattern.objects.get(phrases__startswith="您的卡片尚未激活")
    assert (saved.status, saved.provider, saved.channel) == ("draft", bank, "app")


def test_a_draft_is_not_used_and_going_live_makes_the_message_recognised(
    staff_client, shipped_patterns
):
    message = "您的卡片尚未激活,暂时不能使用"
    reading = lambda: read_message(message, provider=None, channel=None, language="zh-hans")  # noqa: E731
    assert reading().outcome == "no_match"
    staff_client.post(ADD, form_data(phrases="卡片尚未激活"))
    assert reading().outcome == "no_match"
    pattern = MessagePattern.objects.get(phrases="卡片尚未激活")
    url = f"/admin/wizard/messagepattern/{pattern.pk}/change/"
    assert staff_client.post(url, pattern_data(pattern, status="live")).status_code == 302
    assert reading().symptom == "card_problem"


# Preview


def test_the_preview_of_unsaved_edits_lists_messages_examples_and_what_it_takes_saving_nothing(
    staff_client, shipped_patterns
):
    seen("您的卡片尚未激活,暂时不能使用", 7)
    seen("卡片尚未激活", 2)
    seen("完全无关的提示", 9)
    patterns_before = MessagePattern.objects.count()
    # Same problem as the shipped "余额不足" pattern, but preferred: it takes its examples.
    data = form_data(
        phrases="余额不足", symptom="insufficient_funds", priority="100", status="live"
    )
    response = staff_client.post(ADD_PREVIEW, data)
    text = page_text(response)
    assert response.status_code == 200
    assert "会从别的规则那里接过来的提示" in text
    taken = response.context["preview"].taken
    assert FUNDS_EXAMPLE in {s.text for s in taken}
    funds = next(s for s in taken if s.text == FUNDS_EXAMPLE)
    shipped = MessagePattern.objects.get(pk=funds.before.pattern)  # the one reading it now
    assert shipped.symptom == funds.after.symptom == "insufficient_funds"
    assert f"#{shipped.pk} {shipped.phrase_list()[0]}" in text and FUNDS_EXAMPLE in text
    assert "没有:上线后每条已标注的例子仍然读对" in text
    assert MessagePattern.objects.count() == patterns_before

    response = staff_client.post(ADD_PREVIEW, form_data(phrases="卡片尚未激活"))
    preview = response.context["preview"]
    assert [(s.text, s.count) for s in preview.messages] == [
        ("您的卡片尚未激活,暂时不能使用", 7),
        ("卡片尚未激活", 2),
    ]
    assert preview.messages_matched == 2 and preview.messages_looked_at == 3
    assert "完全无关的提示" not in page_text(response)
    assert MessagePattern.objects.count() == patterns_before


def test_the_preview_shows_the_examples_a_live_pattern_would_break(staff_client, shipped_patterns):
    data = form_data(phrases="余额不足", symptom="card_problem", priority="100", status="live")
    response = staff_client.post(ADD_PREVIEW, data)
    preview = response.context["preview"]
    assert FUNDS_EXAMPLE in {b.example.text for b in preview.broken}
    assert FUNDS_EXAMPLE in {s.text for s in preview.examples}
    assert "会读错的已标注例子" in page_text(response) and "现在不能上线" in page_text(response)


def test_the_preview_of_a_saved_pattern_and_of_a_form_with_errors(staff_client, shipped_patterns):
    pattern = MessagePattern.objects.get(key="funds-balance-short")
    response = staff_client.get(f"/admin/wizard/messagepattern/{pattern.pk}/preview/")
    assert response.status_code == 200
    preview = response.context["preview"]
    assert FUNDS_EXAMPLE in {s.text for s in preview.examples}
    assert preview.taken == () and preview.broken == ()
    response = staff_client.post(ADD_PREVIEW, form_data(phrases="", code="61"))
    assert response.status_code == 200
    assert response.context["preview"] is None
    assert "表单里有错误" in page_text(response)
    change_form = staff_client.get(f"/admin/wizard/messagepattern/{pattern.pk}/change/")
    assert (
        f'formaction="/admin/wizard/messagepattern/{pattern.pk}/preview/"'
        in change_form.content.decode()
    )
    assert f'formaction="{ADD_PREVIEW}"' in staff_client.get(ADD).content.decode()


def test_preview_pattern_is_pure_and_reads_only_what_it_is_given():
    from wizard.decoder import PatternFacts, PatternSet

    live = PatternSet.of([PatternFacts(id=1, symptom="insufficient_funds", phrases=("余额不足",))])
    facts = PatternFacts(id=0, symptom="insufficient_funds", phrases=("余额不足",), priority=50)
    preview = preview_pattern(
        facts,
        live=live,
        examples=labelled_examples()[:3],
        messages=[StoredMessage(text="卡内余额不足", count=4)],
    )
    assert [s.text for s in preview.messages] == ["卡内余额不足"]
    assert preview.messages[0].taken and preview.others[1].phrases == ("余额不足",)


# Refusal


def test_a_live_pattern_that_breaks_an_example_is_refused_by_name_and_the_draft_saves(
    staff_client, shipped_patterns
):
    before = MessagePattern.objects.count()
    data = form_data(phrases="余额不足", symptom="card_problem", priority="100", status="live")
    response = staff_client.post(ADD, data)
    assert response.status_code == 200
    text = page_text(response)
    assert "不能上线" in text
    assert f"“{FUNDS_EXAMPLE}”应为 insufficient_funds / failed,会读成 card_problem / failed" in text
    assert MessagePattern.objects.count() == before
    assert staff_client.post(ADD, data | {"status": "draft"}).status_code == 302
    assert MessagePattern.objects.count() == before + 1


def test_changing_a_live_pattern_so_it_breaks_an_example_is_refused_and_nothing_changes(
    staff_client, shipped_patterns
):
    pattern = MessagePattern.objects.get(key="funds-balance-short")
    url = f"/admin/wizard/messagepattern/{pattern.pk}/change/"
    response = staff_client.post(url, pattern_data(pattern, symptom="card_problem"))
    assert response.status_code == 200
    assert FUNDS_EXAMPLE in page_text(response)
    pattern.refresh_from_db()
    assert pattern.symptom == "insufficient_funds" and pattern.history.count() == 1
    harmless = pattern_data(pattern, explanation_zh="卡里的钱不够这次还款。")
    assert staff_client.post(url, harmless).status_code == 302


def test_the_make_live_action_refuses_a_pattern_that_breaks_an_example(
    staff_client, shipped_patterns
):
    staff_client.post(ADD, form_data(phrases="余额不足", symptom="card_problem", priority="100"))
    staff_client.post(ADD, form_data(phrases="卡片尚未激活"))
    breaking = MessagePattern.objects.get(phrases="余额不足", symptom="card_problem")
    fine = MessagePattern.objects.get(phrases="卡片尚未激活")
    response = staff_client.post(
        "/admin/wizard/messagepattern/",
        {"action": "make_live", "_selected_action": [breaking.pk, fine.pk]},
        follow=True,
    )
    assert FUNDS_EXAMPLE in page_text(response)
    breaking.refresh_from_db()
    fine.refresh_from_db()
    assert (breaking.status, fine.status) == ("draft", "live")


def csv_file(**rows: dict[str, str]) -> str:
    template = next(csv.DictReader(io.StringIO(MessagePatternResource().export().csv)))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for key, changes in rows.items():
        writer.writerow({**template, "key": key, **changes})
    return out.getvalue()


def upload(client: Client, text: str):  # type: ignore[no-untyped-def]
    file = io.BytesIO(text.encode("utf-8"))
    file.name = "patterns.csv"
    return client.post(IMPORT, {"format": CSV, "resource": "0", "import_file": file})


def confirm_form(page: str) -> dict[str, str]:
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
    return {name: value for name, value in fields if name != "csrfmiddlewaretoken"}


BREAKING_ROW = {
    "phrases": "余额不足",
    "symptom": "card_problem",
    "priority": "100",
    "status": "live",
    "alternatives": "",
}
FINE_ROW = {"phrases": "卡片尚未激活", "symptom": "card_problem", "alternatives": ""}


def test_importing_a_live_pattern_that_breaks_an_example_is_refused_in_the_dry_run(
    support_client, shipped_patterns
):
    text = csv_file(**{"new-card-funds": BREAKING_ROW, "new-ok": FINE_ROW | {"status": "live"}})
    response = upload(support_client, text)
    assert response.status_code == 200
    assert 'name="confirm"' not in response.content.decode()
    assert "不能上线" in page_text(response) and FUNDS_EXAMPLE in page_text(response)
    assert not MessagePattern.objects.filter(key__startswith="new-").exists()

    draft = BREAKING_ROW | {"status": "draft"}
    response = upload(support_client, csv_file(**{"new-card-funds": draft}))
    assert 'name="confirm"' in response.content.decode()
    assert support_client.post(CONFIRM, confirm_form(response.content.decode())).status_code == 302
    assert MessagePattern.objects.get(key="new-card-funds").status == "draft"


def test_a_file_that_turns_live_and_breaking_between_dry_run_and_import_saves_nothing(
    support_client, shipped_patterns
):
    draft = {"new-ok": FINE_ROW, "new-card-funds": BREAKING_ROW | {"status": "draft"}}
    response = upload(support_client, csv_file(**draft))
    form = confirm_form(response.content.decode())
    # The stored upload is replaced after the dry run, as if two people were importing.
    stored = Path(tempfile.gettempdir()) / form["import_file_name"]
    stored.write_text(csv_file(**{"new-ok": FINE_ROW, "new-card-funds": BREAKING_ROW}))
    response = support_client.post(CONFIRM, form, follow=True)
    assert "没有任何记录被修改" in page_text(response)
    assert not MessagePattern.objects.filter(key__startswith="new-").exists()


def test_exported_patterns_import_back_unchanged(support_client, shipped_patterns):
    text = MessagePatternResource().export().csv
    response = upload(support_client, text)
    assert 'name="confirm"' in response.content.decode(), page_text(response)[:3000]
    assert support_client.post(CONFIRM, confirm_form(response.content.decode())).status_code == 302
    assert MessagePattern.objects.get(key="funds-balance-short").history.count() == 1


# History


def test_an_edit_is_recorded_and_reverting_restores_the_old_reading(staff_client, shipped_patterns):
    pattern = MessagePattern.objects.get(key="funds-balance-short")
    original = pattern.history.latest()
    url = f"/admin/wizard/messagepattern/{pattern.pk}/change/"
    assert (
        staff_client.post(url, pattern_data(pattern, explanation_zh="新的解释。")).status_code
        == 302
    )
    page = staff_client.get(f"{url.removesuffix('change/')}history/").content.decode()
    assert "新的解释" in page and original.explanation_zh in html.unescape(page)
    revert = f"/admin/wizard/messagepattern/{pattern.pk}/history/{original.history_id}/"
    assert staff_client.get(revert).status_code == 200
    assert staff_client.post(revert, pattern_data(original.instance)).status_code == 302
    pattern.refresh_from_db()
    assert pattern.explanation_zh == original.explanation_zh
    assert pattern.history.count() == 3
    reading = read_message(FUNDS_EXAMPLE, provider=None, channel=None, language="zh-hans")
    assert reading.explanation == original.explanation_zh


# Hostile input


def test_a_regex_re2_refuses_is_a_clear_field_error(staff_client, shipped_patterns):
    response = staff_client.post(ADD, form_data(regex=r"(卡)\1", phrases=""))
    assert response.status_code == 200
    assert "RE2 不能编译" in page_text(response)
    assert not MessagePattern.objects.filter(regex=r"(卡)\1").exists()
    response = staff_client.post(ADD_PREVIEW, form_data(regex=r"(?<=卡)激活", phrases=""))
    assert response.status_code == 200 and "RE2 不能编译" in page_text(response)


def test_a_regex_that_would_backtrack_elsewhere_is_accepted_and_stays_fast(
    staff_client, shipped_patterns
):
    data = form_data(phrases="", regex="(a+)+$", status="live", symptom="other")
    response = staff_client.post(ADD, data)
    assert response.status_code == 302, page_text(response)[:2000]
    start = time.perf_counter()
    reading = read_message("a" * 1999 + "b", provider=None, channel=None, language="zh-hans")
    assert time.perf_counter() - start < 0.5
    assert reading.outcome == "no_match"


def test_a_saved_regex_re2_refuses_is_named_by_the_preview_and_the_action(staff_client):
    # As if written to the database past the admin's checks.
    MessagePattern.objects.bulk_create(
        [
            MessagePattern(
                **form_data(phrases="坏的规则", regex=r"(x)\1", provider=None, checked_on=None)
            )
        ]
    )
    bad = MessagePattern.objects.get()
    response = staff_client.get(f"/admin/wizard/messagepattern/{bad.pk}/preview/")
    assert response.status_code == 200 and "RE2 cannot compile" in page_text(response)
    response = staff_client.post(
        "/admin/wizard/messagepattern/",
        {"action": "make_live", "_selected_action": [bad.pk]},
        follow=True,
    )
    assert response.status_code == 200 and "RE2 cannot compile" in page_text(response)
    bad.refresh_from_db()
    assert bad.status == "draft"


@pytest.mark.parametrize("letter", ["a", "卡"])
def test_a_phrase_ten_thousand_characters_long_is_refused_with_a_message(staff_client, letter):
    for url in (ADD, ADD_PREVIEW):
        response = staff_client.post(url, form_data(phrases=letter * 10_000))
        assert response.status_code == 200, url
        assert "太长了" in page_text(response)
    assert not MessagePattern.objects.exists()


def test_markup_in_a_stored_message_is_shown_as_text(staff_client):
    seen("<script>alert(1)</script><img src=x onerror=alert(2)>", 1)
    page = staff_client.get(TRIAGE).content.decode()
    assert "<script>alert(1)" not in page and "<img src=x" not in page


# Who may do what


def test_support_keeps_patterns_and_reads_and_deletes_unmatched_messages(
    support_client, shipped_patterns
):
    seen("一条噪音", 1)
    noise = UnmatchedMessage.objects.get()
    assert support_client.get("/admin/wizard/messagepattern/").status_code == 200
    assert support_client.get(ADD).status_code == 200
    assert support_client.post(ADD, form_data()).status_code == 302
    assert support_client.get(TRIAGE).status_code == 200
    assert "据此新建规则" in page_text(support_client.get(TRIAGE))
    assert support_client.get("/admin/wizard/unmatchedmessage/add/").status_code == 403
    view = support_client.post(f"/admin/wizard/unmatchedmessage/{noise.pk}/change/", {"count": 9})
    assert view.status_code == 403
    delete = support_client.post(
        f"/admin/wizard/unmatchedmessage/{noise.pk}/delete/", {"post": "yes"}
    )
    assert delete.status_code == 302 and not UnmatchedMessage.objects.exists()
    assert (
        support_client.post(
            f"/admin/wizard/messagepattern/{MessagePattern.objects.first().pk}/delete/",
            {"post": "yes"},
        ).status_code
        == 403
    )


def test_the_console_lists_both_under_their_chinese_names(staff_client):
    text = page_text(staff_client.get("/admin/"))
    assert "提示识别规则" in text and "未识别的提示" in text


# Query budgets


def many_messages(count: int) -> None:
    now = timezone.now()
    UnmatchedMessage.objects.bulk_create(
        UnmatchedMessage(
            digest=f"{n:064d}",
            normalised=f"前所未见的提示{n}号",
            example=f"前所未见的提示{n}号",
            count=n % 17 + 1,
            first_seen=now - dt.timedelta(days=n % 30),
            last_seen=now,
            provider_slug="bank" if n % 2 else "",
            channel="app" if n % 3 else "",
        )
        for n in range(UnmatchedMessage.objects.count(), count)
    )


@pytest.mark.parametrize(
    "url",
    [
        TRIAGE,
        TRIAGE + "?q=提示",
        "/admin/wizard/messagepattern/",
        "/admin/wizard/messagepattern/{pk}/change/",
        "/admin/wizard/messagepattern/{pk}/preview/",
        ADD + "?phrases=卡片尚未激活&provider=bank&status=draft",
    ],
)
def test_pattern_pages_cost_the_same_few_queries_for_5_or_500_unmatched_messages(
    staff_client, shipped_patterns, url
):
    ProviderFactory(slug="bank")
    pk = MessagePattern.objects.get(key="funds-balance-short").pk

    def count() -> int:
        current_patterns()  # the shared set is built once per version, not per page
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(url.format(pk=pk))
        assert response.status_code == 200
        return len(queries.captured_queries)

    many_messages(5)
    count()  # the first request also fills Django's content-type cache
    with_few = count()
    many_messages(500)
    assert count() == with_few <= ADMIN_BUDGET
