"""Every plan becomes a case: a code to reopen it, feedback once, nothing personal kept."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from providers.facts import Channel
from providers.models import Provider
from tests.factories import ProviderFactory
from tests.wizard.helpers import WizardSession, case_for, recent_answers
from wizard.engine.answers import SHANGHAI, Autopay, CardStatus, Check, Symptom, YesNo, YesNoUnsure
from wizard.engine.deadlines import Status
from wizard.engine.steps import StepCode
from wizard.models import Case, CaseStep, Outcome, RemediationText
from wizard.reference_codes import CODE_ALPHABET, new_code, normalise_code

pytestmark = pytest.mark.django_db

PERSONAL = ["6222021234567890123", "110101199003074518", "13812345678", "张伟"]


@pytest.fixture
def bank():
    return ProviderFactory(slug="bank", name_zh="测试银行", hotline="95500")


def walk_to_plan(client: Client) -> str:
    wizard = WizardSession(client)
    wizard.start()
    when = (timezone.now() - dt.timedelta(hours=1)).astimezone(SHANGHAI)
    # Personal data posted alongside every answer, as a careless or hostile client might.
    extra = {"note": PERSONAL[0], "name": PERSONAL[3], "phone": PERSONAL[2]}
    pages = [
        ("provider", {"provider": "bank"}),
        ("problem", {"symptom": "declined", "channel": "app"}),
        (
            "account",
            {
                "card_number": "ok",
                "holder_name": "unsure",
                "reserved_phone": "wrong",
                "card_status": "normal",
            },
        ),
        ("funds", {"enough_balance": "no", "frozen_or_preauth": "no", "limit_reached": "no"}),
        (
            "timing",
            {
                "due_date": when.date().isoformat(),
                "attempted_date": when.date().isoformat(),
                "attempted_time": when.strftime("%H:%M"),
            },
        ),
        ("situation", {"contacted_provider": "no", "autopay": "off"}),
    ]
    for step, data in pages:
        payload = {wizard.management: step, **{f"{step}-{k}": v for k, v in data.items()}, **extra}
        client.post(wizard.url(step), payload)
    response = wizard.confirm(follow=True)
    return response.content.decode()


def test_a_finished_plan_is_saved_as_a_case_with_its_code_shown_large_and_in_the_summary(bank):
    html = walk_to_plan(Client())
    case = Case.objects.get()
    assert re.fullmatch(rf"[{CODE_ALPHABET}]{{10}}", case.code)
    assert f'<p class="case-code__value" lang="en">{case.display_code}</p>' in html
    assert f"参考编号:{case.display_code}" in html
    shown = re.findall(r'<li class="step step--(\w+)">', html)
    steps = list(case.steps.values_list("urgency", flat=True))
    assert steps == shown and len(steps) >= 4


def test_the_case_stores_no_personal_data_field_by_field(bank):
    walk_to_plan(Client())
    case = Case.objects.get()
    assert re.fullmatch(rf"[{CODE_ALPHABET}]{{10}}", case.code)
    assert case.provider == bank and case.provider_slug == "bank"
    assert case.symptom in Symptom.values and case.channel in Channel.values
    assert case.status in {status.value for status in Status}
    assert isinstance(case.deadline, dt.datetime)
    assert case.outcome == "" and case.comment == "" and case.feedback_at is None
    answers = case.answers
    assert set(answers) == {
        "provider",
        "symptom",
        "channel",
        "account",
        "funds",
        "timing",
        "contacted_provider",
        "autopay",
    }
    assert answers["provider"] == "bank"
    account = answers["account"]
    assert set(account) == {"card_number", "holder_name", "reserved_phone", "card_status"}
    assert {account[k] for k in ("card_number", "holder_name", "reserved_phone")} <= set(
        Check.values
    )
    assert account["card_status"] in CardStatus.values
    assert set(answers["funds"].values()) <= set(YesNoUnsure.values)
    assert set(answers["timing"]) == {"due_date", "attempted_at"}
    dt.date.fromisoformat(answers["timing"]["due_date"])
    dt.datetime.fromisoformat(answers["timing"]["attempted_at"])
    assert answers["contacted_provider"] in YesNo.values and answers["autopay"] in Autopay.values
    assert set(case.steps.values_list("code", flat=True)) <= set(StepCode)
    everything = repr(list(Case.objects.values())) + repr(list(CaseStep.objects.values()))
    assert not any(value in everything for value in PERSONAL)


def test_codes_are_random_distinct_and_forgiving_to_type():
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(set(code) <= set(CODE_ALPHABET) for code in codes)
    assert not set("01ILOU") & set(CODE_ALPHABET)
    assert normalise_code(" k7m2q-9x4pa ") == "K7M2Q9X4PA"
    assert normalise_code("K7M2Q-9X4P") is None  # too short
    assert normalise_code("K7M2Q-9X4P0") is None  # 0 is not in the alphabet


def test_the_code_reopens_the_plan_read_only_in_any_typing(bank):
    case = case_for(recent_answers())
    client = Client()
    assert client.get(f"/plan/{case.code}/").status_code == 200
    lower = f"/plan/{case.code[:5].lower()}-{case.code[5:].lower()}/"
    assert client.get(lower)["Location"] == f"/plan/{case.code}/"
    assert client.post(f"/plan/{case.code}/").status_code == 405


@override_settings(CASE_LOOKUP_MISSES_PER_HOUR=10)
def test_codes_cannot_be_guessed_by_enumeration_within_the_rate_limit(bank):
    case = case_for(recent_answers())
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    guesses = [new_code() for _ in range(10)]
    assert all(guesser.get(f"/plan/{code}/").status_code == 404 for code in guesses)
    # The limit is reached: from now on even the right code is refused, so a hit says nothing.
    blocked = guesser.get(f"/plan/{case.code}/")
    assert blocked.status_code == 429
    assert blocked["Retry-After"] == "3600"
    assert "请稍后再试" in blocked.content.decode()
    assert guesser.post(f"/plan/{case.code}/feedback/", {"outcome": "solved"}).status_code == 429
    # Someone else, who only opens their own plan, is unaffected.
    assert Client(REMOTE_ADDR="198.51.100.7").get(f"/plan/{case.code}/").status_code == 200
    # What the limit means: 10 tries an hour against 30**10 codes.
    live_cases = 1_000_000
    hours_for_one_hit = len(CODE_ALPHABET) ** 10 / live_cases / 10
    assert hours_for_one_hit > 50_000_000


def test_feedback_is_accepted_once(bank):
    case = case_for(recent_answers())
    client = Client()
    url = f"/plan/{case.code}/feedback/"
    first = client.post(url, {"outcome": "partly", "comment": "客服电话打通了"}, follow=True)
    assert "谢谢你的反馈" in first.content.decode()
    case.refresh_from_db()
    assert (case.outcome, case.comment) == (Outcome.PARTLY, "客服电话打通了")
    stamped = case.feedback_at

    again = client.post(url, {"outcome": "not_solved", "comment": "改主意了"}, follow=True)
    assert "已经收到你对这个方案的反馈了" in again.content.decode()
    case.refresh_from_db()
    assert (case.outcome, case.comment, case.feedback_at) == (
        Outcome.PARTLY,
        "客服电话打通了",
        stamped,
    )


def test_coming_back_after_paying_the_person_can_mark_it_solved_once(bank):
    case = case_for(recent_answers())
    client = Client()
    url = f"/plan/{case.code}/feedback/"
    client.post(url, {"outcome": "not_solved"})
    page = client.get(f"/plan/{case.code}/").content.decode()
    assert "现在已经解决了" in page
    client.post(url, {"outcome": "solved"})
    case.refresh_from_db()
    assert case.outcome == Outcome.SOLVED and case.solved_at is not None
    assert "现在已经解决了" not in client.get(f"/plan/{case.code}/").content.decode()
    client.post(url, {"outcome": "not_solved"})
    case.refresh_from_db()
    assert case.outcome == Outcome.SOLVED


def test_feedback_works_through_htmx_too(bank):
    case = case_for(recent_answers())
    response = Client().post(
        f"/plan/{case.code}/feedback/", {"outcome": "solved"}, HTTP_HX_REQUEST="true", follow=True
    )
    html = response.content.decode()
    assert "<html" not in html and "谢谢你的反馈" in html
    assert Case.objects.get().outcome == Outcome.SOLVED


def test_feedback_needs_an_answer_and_a_short_comment(bank):
    case = case_for(recent_answers())
    client = Client()
    html = client.post(f"/plan/{case.code}/feedback/", {"comment": "x"}).content.decode()
    assert "请选择是否解决了" in html and 'id="error-summary"' in html
    html = client.post(
        f"/plan/{case.code}/feedback/", {"outcome": "solved", "comment": "长" * 201}
    ).content.decode()
    assert "最多 200 字" in html
    assert Case.objects.get().outcome == ""


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("卡号6222 0212 3456 7890 123扣了两次", "卡号***扣了两次"),
        ("身份证110101199003074518", "身份证***"),
        ("打13812345678找我", "打***找我"),
        ("我叫张伟,还是不行", "我叫***,还是不行"),
        ("张伟", "***"),
        ("邮箱 a.b@example.com", "邮箱 ***"),
        ("已经还上了,谢谢", "已经还上了,谢谢"),
        ("余额不足", "余额不足"),
        ("白条,还上了", "白条,还上了"),
        ("等了3天才到账", "等了3天才到账"),
    ],
)
def test_personal_data_in_a_comment_is_masked_before_it_is_stored(bank, typed, kept):
    case = case_for(recent_answers())
    Client().post(f"/plan/{case.code}/feedback/", {"outcome": "partly", "comment": typed})
    assert Case.objects.get().comment == kept


def test_staff_type_a_code_and_see_the_case_read_only(bank, support_client):
    case = case_for(recent_answers(symptom="timeout"))
    Client().post(f"/plan/{case.code}/feedback/", {"outcome": "partly", "comment": "还在等"})
    typed = f"{case.code[:5].lower()}-{case.code[5:].lower()}"
    response = support_client.get("/admin/wizard/case/", {"q": typed})
    assert response["Location"] == f"/admin/wizard/case/{case.pk}/change/"
    page = support_client.get(response["Location"]).content.decode()
    assert case.display_code in page and "timeout" in page and "还在等" in page
    assert "outage_procedure" in page  # the plan as it was shown
    change = support_client.post(f"/admin/wizard/case/{case.pk}/change/", {"comment": "x"})
    assert change.status_code == 403
    assert support_client.post(f"/admin/wizard/case/{case.pk}/delete/").status_code == 403
    assert Client().get("/admin/wizard/case/")["Location"].startswith("/admin/login/")


def make_cases(spec, *, day: dt.date):
    """Cases on a given day: (provider slug, symptom, outcome) each."""
    made = []
    for slug, symptom, outcome in spec:
        case = case_for(recent_answers(provider=slug, symptom=symptom))
        created = dt.datetime.combine(day, dt.time(12), tzinfo=SHANGHAI)
        Case.objects.filter(pk=case.pk).update(
            created_at=created, outcome=outcome, feedback_at=created if outcome else None
        )
        made.append(case)
    return made


def test_insights_numbers_match_a_known_set_of_cases(bank, support_client):
    ProviderFactory(slug="other", name_zh="另一家", verified_on=None)
    monday, tuesday = dt.date(2026, 11, 16), dt.date(2026, 11, 17)
    make_cases(
        [
            ("bank", "timeout", "solved"),
            ("bank", "timeout", "not_solved"),
            ("other", "declined", ""),
        ],
        day=monday,
    )
    make_cases(
        [("bank", "insufficient_funds", "solved"), ("other", "timeout", "partly")], day=tuesday
    )
    make_cases([("bank", "timeout", "solved")], day=dt.date(2026, 10, 1))  # outside the range
    from wizard.insights import insights_for

    insights = insights_for(start=monday, end=tuesday)
    assert insights.total == 5
    assert [(r.key, r.count) for r in insights.per_day] == [("2026-11-16", 3), ("2026-11-17", 2)]
    providers = {r.key: (r.count, r.answered, r.solved) for r in insights.per_provider}
    assert providers == {"bank": (3, 3, 2), "other": (2, 1, 0)}
    symptoms = {r.key: r.count for r in insights.per_symptom}
    assert symptoms == {"timeout": 3, "declined": 1, "insufficient_funds": 1}
    steps = {r.key: (r.count, r.answered, r.solved) for r in insights.per_step}
    assert steps["outage_procedure"] == (3, 3, 1)  # the three timeouts
    assert steps["meet_deadline"] == (5, 4, 2)
    assert [(r.key, r.count) for r in insights.stale_providers] == [("other", 2)]

    page = support_client.get(
        "/admin/wizard/case/insights/", {"start": "2026-11-16", "end": "2026-11-17"}
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('<figure class="insight-chart">') == 5 and "共 5 个个案" in html
    assert "<td>测试银行</td><td>3</td><td>3</td><td>2</td><td>67%</td>" in html
    csv_text = support_client.get(
        "/admin/wizard/case/insights/",
        {"start": "2026-11-16", "end": "2026-11-17", "format": "csv"},
    ).content.decode()
    assert "per_provider,bank,测试银行,3,3,2,0.6667" in csv_text
    assert "per_day,2026-11-16,2026-11-16,3,0,0," in csv_text


def test_insights_cost_a_fixed_number_of_queries_whatever_the_number_of_cases(
    bank, support_client, django_assert_num_queries
):
    day = timezone.localdate()

    def queries_for_page() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert support_client.get("/admin/wizard/case/insights/").status_code == 200
        return len(captured)

    make_cases([("bank", "timeout", "solved")] * 3, day=day)
    few = queries_for_page()
    make_cases([("bank", "declined", "partly"), ("bank", "timeout", "")] * 25, day=day)
    ProviderFactory.create_batch(10)
    assert queries_for_page() == few
    assert few <= 12


def test_purge_removes_old_cases_and_nothing_else(bank):
    old = case_for(recent_answers())
    kept = case_for(recent_answers())
    Case.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=181))
    Case.objects.filter(pk=kept.pk).update(created_at=timezone.now() - dt.timedelta(days=179))
    texts, providers = RemediationText.objects.count(), Provider.objects.count()
    steps_of_kept = kept.steps.count()
    out = io.StringIO()
    call_command("purge_expired", stdout=out)
    assert "cases: 1 older than retention deleted" in out.getvalue()
    assert list(Case.objects.values_list("pk", flat=True)) == [kept.pk]
    assert CaseStep.objects.count() == steps_of_kept
    assert (RemediationText.objects.count(), Provider.objects.count()) == (texts, providers)


def test_a_code_collision_is_retried_with_a_new_code_and_saves_nothing_half(bank, monkeypatch):
    first = case_for(recent_answers())
    codes = iter([first.code, "22222AAAAA"])
    monkeypatch.setattr("wizard.cases.new_code", lambda: next(codes))
    second = case_for(recent_answers())
    assert second.code == "22222AAAAA"
    assert Case.objects.count() == 2
    assert CaseStep.objects.filter(case=second).count() == second.steps.count() > 0
    assert CaseStep.objects.count() == first.steps.count() + second.steps.count()
