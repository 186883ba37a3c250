"""The path from stored answers to a plan, with provider facts and wording from PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import Client

from tests.factories import MaintenanceWindowFactory, ProviderFactory, RemediationTextFactory
from tests.wizard.helpers import answers_dict, case_for, shanghai
from wizard.engine.answers import SHANGHAI, AnswersError
from wizard.engine.wording import DEFAULT_TEXTS, fill
from wizard.models import RemediationText
from wizard.planner import plan_for_answers

pytestmark = pytest.mark.django_db

NOW = shanghai("2026-11-10T21:40")


@pytest.fixture
def bank():
    return ProviderFactory(slug="bank", name_zh="测试银行", hotline="95500")


def test_default_texts_are_stored_in_the_database_for_every_step():
    stored = set(RemediationText.objects.filter(provider=None).values_list("code", flat=True))
    assert stored == set(DEFAULT_TEXTS)


def test_building_a_plan_costs_at_most_three_queries_however_much_data(
    bank, django_assert_max_num_queries
):
    for provider in ProviderFactory.create_batch(60):
        RemediationTextFactory(provider=provider, title_zh="打给 {hotline}")
        MaintenanceWindowFactory(provider=provider)
    RemediationTextFactory(provider=bank, code="protect_credit", title_zh="别忘了留证据")
    with django_assert_max_num_queries(3):
        plan = plan_for_answers(answers_dict(), now=NOW, language="zh-hans")
    assert "别忘了留证据" in [s.title for s in plan.steps]
    with django_assert_max_num_queries(1):  # catalogs cached: only the maintenance windows
        plan_for_answers(answers_dict(), now=NOW, language="zh-hans")


def test_provider_override_replaces_only_the_fields_it_fills_in(bank):
    RemediationTextFactory(provider=bank, code="contact_provider", title_zh="请致电 {hotline} 转 2")
    plan = plan_for_answers(answers_dict(), now=NOW, language="zh-hans")
    contact = next(s for s in plan.steps if s.code == "contact_provider")
    assert contact.title == "请致电 95500 转 2"
    assert contact.detail.startswith("说清楚你在什么时间")  # the default detail is kept


def test_other_providers_are_not_affected_by_an_override(bank):
    other = ProviderFactory(slug="other")
    RemediationTextFactory(provider=other, code="contact_provider", title_zh="别的银行")
    plan = plan_for_answers(answers_dict(), now=NOW, language="zh-hans")
    assert "别的银行" not in [s.title for s in plan.steps]


def test_maintenance_window_in_the_database_comes_first_in_the_plan(bank):
    MaintenanceWindowFactory(
        provider=bank,
        starts_at=shanghai("2026-11-10T21:00"),
        ends_at=shanghai("2026-11-10T23:00"),
        channels=["app"],
    )
    plan = plan_for_answers(answers_dict(), now=NOW, language="zh-hans")
    first = plan.steps[0]
    assert first.code == "maintenance_window"
    assert "11月10日 23:00" in first.title
    assert "机构自己的 App" in first.detail
    assert "系统升级,暂停还款。" in first.detail


def test_a_window_that_is_over_is_ignored(bank):
    MaintenanceWindowFactory(
        provider=bank, starts_at=shanghai("2026-11-09T01:00"), ends_at=shanghai("2026-11-09T03:00")
    )
    assert (
        "maintenance_window"
        not in plan_for_answers(answers_dict(), now=NOW, language="zh-hans").codes
    )


def test_a_window_must_end_after_it_starts(bank):
    with pytest.raises(IntegrityError), transaction.atomic():
        MaintenanceWindowFactory(
            provider=bank,
            starts_at=shanghai("2026-11-10T03:00"),
            ends_at=shanghai("2026-11-10T01:00"),
        )


def test_a_window_names_only_known_channels(bank):
    window = MaintenanceWindowFactory.build(provider=bank, channels=["carrier pigeon"])
    with pytest.raises(ValidationError) as error:
        window.full_clean()
    assert "channels" in error.value.message_dict


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


def test_filling_never_reaches_into_the_values():
    assert fill(
        "{provider.__class__} {provider} {0} {{hotline}}", {"provider": "花呗", "hotline": "1"}
    ) == ("{provider.__class__} 花呗 {0} {1}")


@pytest.fixture
def staff_client():
    user = get_user_model().objects.create_superuser("staff", "staff@example.com", "pw-staff-123")
    client = Client()
    client.force_login(user)
    return client


def plan_page(answers: dict) -> str:
    """The plan page a person sees for these answers."""
    return Client().get(f"/plan/{case_for(answers).code}/").content.decode()


def recent_answers() -> dict:
    from django.utils import timezone

    moment = (timezone.now() - dt.timedelta(minutes=30)).astimezone(SHANGHAI)
    return answers_dict(
        timing={"due_date": moment.date().isoformat(), "attempted_at": moment.isoformat()}
    )


def test_editing_a_default_in_the_admin_changes_the_next_plan_without_a_restart(bank, staff_client):
    answers = recent_answers()
    assert "联系测试银行客服" in plan_page(answers)
    default = RemediationText.objects.get(provider=None, code="contact_provider")
    response = staff_client.post(
        f"/admin/wizard/remediationtext/{default.pk}/change/",
        {
            "code": "contact_provider",
            "provider": "",
            "title_zh": "马上打给{provider}:{hotline}",
            "detail_zh": default.detail_zh,
            "title_en": default.title_en,
            "detail_en": default.detail_en,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "马上打给测试银行:95500" in plan_page(answers)


def test_adding_an_override_in_the_admin_changes_the_next_plan(bank, staff_client):
    answers = recent_answers()
    plan_page(answers)  # warm every cache
    response = staff_client.post(
        "/admin/wizard/remediationtext/add/",
        {
            "code": "contact_provider",
            "provider": bank.pk,
            "title_zh": "请拨 {hotline} 按 2",
            "detail_zh": "",
            "title_en": "",
            "detail_en": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "请拨 95500 按 2" in plan_page(answers)


def test_admin_refuses_a_text_with_an_unknown_placeholder(bank, staff_client):
    response = staff_client.post(
        "/admin/wizard/remediationtext/add/",
        {
            "code": "contact_provider",
            "provider": bank.pk,
            "title_zh": "{password}",
            "detail_zh": "",
            "title_en": "",
            "detail_en": "",
        },
    )
    assert response.status_code == 200
    assert "不认识的占位符:password" in response.content.decode()


def test_html_in_a_staff_text_is_shown_as_text_not_run(bank):
    RemediationTextFactory(
        provider=bank,
        code="contact_provider",
        title_zh="<script>alert(1)</script><img src=x onerror=alert(2)>",
    )
    html = plan_page(recent_answers())
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def run_plan_command(answers: dict, *extra: str) -> dict:
    out = io.StringIO()
    stdin, sys.stdin = sys.stdin, io.StringIO(json.dumps(answers))
    try:
        call_command("plan", "--answers", "-", *extra, stdout=out)
    finally:
        sys.stdin = stdin
    return json.loads(out.getvalue())


def test_plan_page_and_command_line_agree_on_the_same_answers(bank, monkeypatch):
    answers = answers_dict(
        symptom="info_mismatch", account={"reserved_phone": "wrong"}, autopay="off"
    )
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    html = plan_page(answers)
    result = run_plan_command(answers, "--now", NOW.isoformat())
    page_titles = re.findall(r'<h3 class="step__title">([^<]+)</h3>', html)
    page_details = re.findall(r'<h3 class="step__title">[^<]+</h3>\s*<p>([^<]+)</p>', html)
    assert page_titles == [s["title"] for s in result["steps"]]
    assert page_details == [s["detail"] for s in result["steps"]]
    assert result["status"] == "due_today"
    assert result["deadline"] == "2026-11-13T20:00:00+08:00"


def test_command_prints_the_documented_shape(bank):
    result = run_plan_command(answers_dict(), "--now", NOW.isoformat())
    assert set(result) >= {"provider", "status", "deadline", "steps"}
    assert result["provider"] == {
        "slug": "bank",
        "name": "测试银行",
        "hotline": "95500",
        "cutoff": "20:00",
        "grace_days": 3,
        "verified_on": "2026-11-01",
        "unverified": [],
    }
    assert set(result["steps"][0]) == {"code", "urgency", "title", "detail", "because"}


def test_command_in_english(bank):
    result = run_plan_command(answers_dict(), "--now", NOW.isoformat(), "--language", "en")
    assert result["provider"]["name"].startswith("Test Bank")
    assert result["steps"][0]["title"].startswith("Deadline")


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ("{not json", "answers: malformed JSON"),
        (json.dumps(answers_dict(provider="no-such")), "provider: unknown or inactive provider"),
        (json.dumps(answers_dict(symptom="sad")), "symptom: must be one of"),
        (
            json.dumps(answers_dict(account={"card_status": "melted"})),
            "account.card_status: must be one of",
        ),
        (
            json.dumps(answers_dict(timing={"due_date": "2026-02-30"})),
            "timing.due_date: '2026-02-30' is not a real date",
        ),
        (
            json.dumps(answers_dict(timing={"attempted_at": "2027-01-01T00:00:00+08:00"})),
            "timing.attempted_at: is in the future",
        ),
        (json.dumps([1, 2]), "answers: must be a JSON object"),
    ],
)
def test_command_rejects_bad_input_with_one_line_naming_the_field(bank, answers, message):
    stdin, sys.stdin = sys.stdin, io.StringIO(answers)
    try:
        with pytest.raises(CommandError) as error:
            call_command("plan", "--answers", "-", "--now", NOW.isoformat())
    finally:
        sys.stdin = stdin
    assert error.value.returncode == 2
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_command_exit_status_and_stderr_from_a_real_process(bank, tmp_path):
    import subprocess

    path = tmp_path / "answers.json"
    path.write_text("{oops", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "manage.py", "plan", "--answers", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "answers: malformed JSON" in result.stderr


def test_attempted_at_defaults_to_now(bank):
    answers = answers_dict()
    del answers["timing"]["attempted_at"]
    result = run_plan_command(answers, "--now", NOW.isoformat())
    assert result["status"] == "in_grace"  # 21:40 on the due date, after the 20:00 cutoff


def test_deactivated_provider_is_unknown_to_the_plan(bank):
    bank.is_active = False
    bank.save()
    with pytest.raises(AnswersError) as error:
        plan_for_answers(answers_dict(), now=NOW, language="zh-hans")
    assert error.value.field == "provider"
