"""The escalation ladder's records as staff keep them: shipped by `load_escalation` without
touching staff edits, refused without a source or with an unknown certainty, recorded and
undone in the console, imported after a dry run, and read by the next plan at once."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from providers.catalog import ladder_for
from providers.facts import LenderKind, RungKind
from providers.models import EscalationRung, Provider
from providers.resources import RUNG_COLUMNS, EscalationRungResource
from tests.wizard.helpers import answers_dict, case_for

pytestmark = pytest.mark.django_db

LIST = "/admin/providers/escalationrung/"
IMPORT = "/admin/providers/escalationrung/import/"
CONFIRM = "/admin/providers/escalationrung/process_import/"


def rung_form_data(rung: EscalationRung, **changes: object) -> dict[str, object]:
    """What the change form posts for `rung` untouched, with `changes` typed over it."""
    data: dict[str, object] = {
        "code": rung.code,
        "rung": rung.rung,
        "provider": rung.provider_id or "",
        "covers": list(rung.covers),
        "display_order": rung.display_order,
        "title_zh": rung.title_zh,
        "title_en": rung.title_en,
        "text_zh": rung.text_zh,
        "text_en": rung.text_en,
        "phone": rung.phone,
        "url": rung.url,
        "time_limit_days": rung.time_limit_days or "",
        "time_limit_zh": rung.time_limit_zh,
        "time_limit_en": rung.time_limit_en,
        "certainty": rung.certainty,
        "source": rung.source,
        "quote": rung.quote,
        "checked_on": rung.checked_on.isoformat() if rung.checked_on else "",
        "note": rung.note,
    }
    if rung.is_active:
        data["is_active"] = "on"
    data.update(changes)
    return data


def reopened_plan_page(client: Client, *, days: int, provider: str = "huabei") -> str:
    """A deducted-not-credited case made `days` ago, reopened now."""
    moment = (timezone.now() - dt.timedelta(days=days, minutes=30)).astimezone(
        dt.timezone(dt.timedelta(hours=8))
    )
    answers = answers_dict(
        provider=provider,
        symptom="deducted_not_credited",
        account=None,
        funds=None,
        timing={"due_date": moment.date().isoformat(), "attempted_at": moment.isoformat()},
    )
    case = case_for(answers)
    made = timezone.now() - dt.timedelta(days=days)
    type(case).objects.filter(pk=case.pk).update(created_at=made)
    response = client.get(f"/plan/{case.code}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_seed_loads_every_rung_sourced_dated_and_valid(shipped_escalation):
    rungs = EscalationRung.objects.all()
    assert rungs.count() == 9
    for rung in rungs:
        rung.full_clean()
        assert rung.source.strip() and rung.quote.strip() and rung.checked_on, rung.code
    assert {r.rung for r in rungs} == set(RungKind.values)


def test_rerunning_the_seed_keeps_staff_edits_and_update_restores_them(shipped_escalation):
    EscalationRung.objects.filter(code="regulator-12378").update(title_zh="员工改过的标题")
    call_command("load_escalation", verbosity=0)
    assert EscalationRung.objects.get(code="regulator-12378").title_zh == "员工改过的标题"
    assert EscalationRung.objects.count() == 9
    call_command("load_escalation", "--update", verbosity=0)
    shipped = EscalationRung.objects.get(code="regulator-12378")
    assert shipped.title_zh == "打 12378 向金融监管部门投诉"


@pytest.mark.parametrize(
    "content",
    [
        '[{"code": "x", "rung": "regulator", "source": ""}]',
        '[{"code": "x", "rung": "regulator", "colour": "red"}]',
        '[{"code": "x", "provider": "nobody"}]',
        "not json",
    ],
)
def test_a_bad_seed_file_is_refused_in_one_line_with_exit_status_2(tmp_path, content):
    bad = tmp_path / "escalation.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("load_escalation", "--file", str(bad))
    assert refused.value.returncode == 2
    assert "\n" not in str(refused.value)
    assert not EscalationRung.objects.exists()


def test_which_regulator_the_shipped_providers_get(shipped_escalation):
    def regulators(slug: str) -> list[str]:
        provider = Provider.objects.get(slug=slug).facts()
        return [r.code for r in ladder_for(provider) if r.kind is RungKind.REGULATOR]

    assert regulators("huabei") == ["regulator-12378"]
    assert regulators("xiaomi-finance") == ["regulator-12378"]
    assert regulators("cmb") == ["regulator-12378"]
    assert regulators("jd-baitiao") == ["regulator-local-microloan"]
    assert Provider.objects.get(slug="jd-baitiao").lender_kind == LenderKind.MICROLOAN


def test_a_providers_own_record_replaces_the_general_one_of_its_rung(shipped_escalation):
    huabei = Provider.objects.get(slug="huabei")
    general = EscalationRung.objects.get(code="complaint-banking-rules")
    general.pk = None
    general.code = "complaint-huabei"
    general.provider = huabei
    general.covers = []
    general.title_zh = "在支付宝里投诉花呗"
    general.save()
    complaints = [
        r.code for r in ladder_for(huabei.facts()) if r.kind is RungKind.PROVIDER_COMPLAINT
    ]
    assert complaints == ["complaint-huabei"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"source": ""}, "source", "每一级都要写明来源"),
        ({"certainty": "certain"}, "certainty", "可信度只能是"),
        ({"phone": "12315"}, "phone", "12315 只受理对商家的投诉"),
        ({"time_limit_days": 15, "time_limit_zh": ""}, "time_limit_zh", "写明这个期限"),
        ({"time_limit_days": 0}, "time_limit_days", "1 到 365"),
        ({"covers": ["bank", "casino"]}, "covers", "只能填写这些放贷机构类型"),
        ({"text_zh": "请打 {regulator}"}, "text_zh", "不认识的占位符"),
    ],
)
def test_a_rung_staff_cannot_stand_behind_is_refused_with_a_message(
    shipped_escalation, changes, field, message
):
    rung = EscalationRung.objects.get(code="regulator-12378")
    for name, value in changes.items():
        setattr(rung, name, value)
    with pytest.raises(ValidationError) as refused:
        rung.full_clean()
    assert message in " ".join(refused.value.message_dict[field])


def test_the_database_refuses_an_unsourced_rung_even_past_the_form(shipped_escalation):
    with pytest.raises(IntegrityError), transaction.atomic():
        EscalationRung.objects.filter(code="regulator-12378").update(source="")
    with pytest.raises(IntegrityError), transaction.atomic():
        EscalationRung.objects.filter(code="regulator-12378").update(phone="12315")


def test_the_console_shows_the_messages_and_saves_nothing(support_client, shipped_escalation):
    rung = EscalationRung.objects.get(code="regulator-12378")
    url = f"{LIST}{rung.pk}/change/"
    response = support_client.post(url, rung_form_data(rung, source="", certainty="certain"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "每一级都要写明来源" in html
    assert "可信度只能是" in html
    rung.refresh_from_db()
    assert rung.source and rung.certainty == "secondary"


def test_the_list_shows_what_staff_check(support_client, shipped_escalation):
    html = support_client.get(LIST).content.decode()
    for text in ("regulator-12378", "12378", "消费金融公司", "核对日期"):
        assert text in html


def test_an_edit_is_recorded_undone_in_the_console_and_the_next_plan_follows_it(
    support_client, support_user, shipped_escalation
):
    rung = EscalationRung.objects.get(code="regulator-12378")
    old_version = rung.history.latest()
    changed = support_client.post(
        f"{LIST}{rung.pk}/change/", rung_form_data(rung, title_zh="打 12378 找监管(改)")
    )
    assert changed.status_code == 302, changed.content.decode()[:2000]
    assert rung.history.latest().history_user == support_user
    client = Client()
    # The plan says it in Chinese punctuation, whoever typed it.
    assert "打 12378 找监管（改）" in reopened_plan_page(client, days=16)

    history = support_client.get(f"{LIST}{rung.pk}/history/").content.decode()
    assert "打 12378 找监管(改)" in history and "support" in history
    revert_url = f"{LIST}{rung.pk}/history/{old_version.history_id}/"
    assert support_client.get(revert_url).status_code == 200
    reverted = support_client.post(revert_url, rung_form_data(old_version.instance))
    assert reverted.status_code == 302
    rung.refresh_from_db()
    assert rung.title_zh == "打 12378 向金融监管部门投诉"
    html = reopened_plan_page(Client(), days=16)
    assert "打 12378 向金融监管部门投诉" in html and "（改）" not in html
    assert rung.history.count() == 3


def exported_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(EscalationRungResource().export().csv)))


def upload(client: Client, rows: list[dict[str, str]]):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=RUNG_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    file = io.BytesIO(out.getvalue().encode("utf-8"))
    file.name = "escalation.csv"
    return client.post(IMPORT, {"format": "0", "resource": "0", "import_file": file})


def confirm_form(html: str) -> dict[str, str]:
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html)
    return {name: value for name, value in fields if name != "csrfmiddlewaretoken"}


def test_the_export_has_one_row_per_record_with_its_provenance(shipped_escalation):
    rows = exported_rows()
    assert tuple(rows[0]) == RUNG_COLUMNS
    by_code = {row["code"]: row for row in rows}
    assert by_code["regulator-12378"]["covers"] == "bank,consumer_finance"
    assert by_code["regulator-12378"]["provider"] == ""
    assert by_code["credit-dispute"]["time_limit_days"] == "20"
    for part in ("certainty", "source", "quote", "checked_on"):
        assert by_code["credit-dispute"][part]


def test_an_import_is_a_dry_run_first_then_saved_on_confirmation(
    support_client, shipped_escalation
):
    rows = exported_rows()
    for row in rows:
        if row["code"] == "regulator-12378":
            row["title_zh"] = "导入的标题"
    preview = upload(support_client, rows)
    assert preview.status_code == 200
    assert "导入的标题" in preview.content.decode()
    assert EscalationRung.objects.get(code="regulator-12378").title_zh != "导入的标题"
    confirmed = support_client.post(CONFIRM, confirm_form(preview.content.decode()))
    assert confirmed.status_code == 302
    assert EscalationRung.objects.get(code="regulator-12378").title_zh == "导入的标题"


def test_an_import_with_an_unsourced_row_shows_why_and_saves_nothing(
    support_client, shipped_escalation
):
    rows = exported_rows()
    for row in rows:
        if row["code"] == "regulator-12378":
            row["title_zh"] = "不该保存"
        if row["code"] == "credit-dispute":
            row["source"] = ""
        if row["code"] == "credit-letter":
            row["certainty"] = "sure"
    preview = upload(support_client, rows)
    html = preview.content.decode()
    assert "每一级都要写明来源" in html
    assert "sure" in html
    assert EscalationRung.objects.get(code="regulator-12378").title_zh != "不该保存"


def test_not_solved_feedback_on_a_reopened_case_puts_the_regulator_first_on_the_page(
    shipped_escalation,
):
    moment = (timezone.now() - dt.timedelta(days=16, minutes=30)).astimezone(
        dt.timezone(dt.timedelta(hours=8))
    )
    case = case_for(
        answers_dict(
            provider="cmb",
            symptom="declined",
            timing={"due_date": moment.date().isoformat(), "attempted_at": moment.isoformat()},
        )
    )
    made = timezone.now() - dt.timedelta(days=16)
    type(case).objects.filter(pk=case.pk).update(
        created_at=made, outcome="not_solved", feedback_at=made
    )
    html = Client().get(f"/plan/{case.code}/").content.decode()
    titles = re.findall(r'<h3 class="step__title">([^<]+)</h3>', html)
    assert titles[0].startswith("15 天的答复期限已过") and "12378" in titles[0]
    type(case).objects.filter(pk=case.pk).update(solved_at=timezone.now(), outcome="solved")
    html = Client().get(f"/plan/{case.code}/").content.decode()
    assert 'id="ladder"' not in html and "答复期限已过" not in html
    assert 'id="credit-record"' in html
