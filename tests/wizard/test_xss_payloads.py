"""Known XSS payloads typed into every field staff can edit never run on a consumer's page.

Each payload goes through the admin as support staff would type it: into every
free-text field of a provider, of a maintenance window and of the plan wording
(an override and a default). Then a consumer's plan page (Chinese and English)
and the staff's own pages (preview, history, lists) are checked for anything a
browser would execute. Markup in a step's title, which is not Markdown, is shown as text.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from providers.facts import Fact
from providers.models import Provider
from tests.factories import ProviderFactory, RemediationTextFactory
from tests.providers.helpers import inline_management, provider_form_data
from tests.wizard.helpers import consumer_plan_page, plan_page, recent_answers
from wizard.engine.answers import SHANGHAI
from wizard.models import RemediationText

pytestmark = pytest.mark.django_db

# From the OWASP XSS filter evasion cheat sheet and the usual Markdown tricks; each
# fits the shortest field it is typed into (the 60-character Chinese name).
PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//xss.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>alert(1)//<</script>",
    '"><script>alert(1)</script>',
    "'><svg/onload=alert(1)>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "![x](javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "<javascript:alert(1)>",
    '<object data="javascript:alert(1)">',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x',
    '<div style="background:url(javascript:alert(1))">',
    "<style>@import 'javascript:alert(1)';</style>",
    "<meta http-equiv=refresh content=0;url=javascript:alert(1)>",
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    '<p title="</p><img src=x onerror=alert(1)>">',
    "<math><mtext><mglyph><style><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
]

PROVIDER_TEXT_FIELDS = [
    "name_zh",
    "name_en",
    "repay_path_zh",
    "repay_path_en",
    "late_fee_zh",
    "late_fee_en",
    "autopay_how_zh",
    "autopay_how_en",
    "source",
]
WINDOW_TEXT_FIELDS = ["notice_zh", "notice_en", "source"]
STEP_TEXT_FIELDS = ["title_zh", "detail_zh", "title_en", "detail_en"]
# Fields with a format that no payload can match: the admin refuses them outright.
FORMATTED_FIELDS = ["slug", "hotline", "hotline_alt", "hotline_alt2", "official_site"]

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcdoc"}
NEVER_ON_THE_PAGE = {"script", "iframe", "frame", "object", "embed", "svg", "math", "base", "style"}


class ExecutableMarkup(HTMLParser):
    """Collects everything in a page that a browser could run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in NEVER_ON_THE_PAGE:
            self.found.append(f"<{tag} {attributes.get('src') or ''}>")
        if tag == "meta" and "http-equiv" in attributes:
            self.found.append("<meta http-equiv>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=>")
            compact = "".join(ch for ch in (value or "") if ch > " ").lower()
            if name in URL_ATTRIBUTES and compact.startswith(("javascript:", "vbscript:", "data:")):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "style" and ("url(" in compact or "expression(" in compact):
                self.found.append(f"<{tag} style={value!r}>")

    handle_startendtag = handle_starttag


def executable_markup(html: str) -> list[str]:
    parser = ExecutableMarkup()
    parser.feed(html)
    parser.close()
    return parser.found


def test_the_detector_finds_what_it_is_meant_to_find():
    assert executable_markup('<a href=" java\tscript:x">') != []
    assert executable_markup("<img src=x onerror=alert(1)>") != []
    assert executable_markup("<p>&lt;script&gt; onerror=alert(1)</p>") == []


def test_there_are_at_least_twenty_payloads_and_each_fits_every_field():
    assert len(PAYLOADS) >= 20
    shortest = Provider._meta.get_field("name_zh").max_length
    assert all(len(payload) <= shortest for payload in PAYLOADS)


def type_payload_into_every_field(client: Client, bank: Provider, payload: str) -> None:
    """What a careless or malicious support user could save, through the real admin forms."""
    now = timezone.now().astimezone(SHANGHAI)
    start, end = now - dt.timedelta(hours=1), now + dt.timedelta(hours=2)
    data = provider_form_data(bank, **dict.fromkeys(PROVIDER_TEXT_FIELDS, payload))
    # A new value comes with the date it was checked (ProviderAdminForm refuses it otherwise).
    data |= {f"{fact}_checked_on": "2026-12-07" for fact in Fact}
    data |= inline_management("maintenance_windows", total=1) | {
        "maintenance_windows-0-starts_at_0": start.date().isoformat(),
        "maintenance_windows-0-starts_at_1": start.strftime("%H:%M"),
        "maintenance_windows-0-ends_at_0": end.date().isoformat(),
        "maintenance_windows-0-ends_at_1": end.strftime("%H:%M"),
        **{f"maintenance_windows-0-{name}": payload for name in WINDOW_TEXT_FIELDS},
    }
    data |= inline_management("step_texts", total=1) | {
        "step_texts-0-code": "contact_provider",
        **{f"step_texts-0-{name}": payload for name in STEP_TEXT_FIELDS},
    }
    response = client.post(f"/admin/providers/provider/{bank.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]

    default = RemediationText.objects.get(provider=None, code="ensure_funds")
    response = client.post(
        f"/admin/wizard/remediationtext/{default.pk}/change/",
        {"code": "ensure_funds", "provider": "", **dict.fromkeys(STEP_TEXT_FIELDS, payload)},
    )
    assert response.status_code == 302, response.content.decode()[:3000]


def admin_markup(client: Client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return executable_markup(response.content.decode())


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_payload_typed_into_the_admin_runs_on_the_consumer_plan_page(support_client, payload):
    bank = ProviderFactory(slug="bank", autopay_available=True)
    admin_pages = [
        f"/admin/providers/provider/{bank.pk}/preview/",
        f"/admin/providers/provider/{bank.pk}/history/",
        "/admin/providers/provider/",
        "/admin/providers/maintenancewindow/",
        "/admin/wizard/remediationtext/",
    ]
    # The admin's own pages carry icons (SVG) and scripts; only what the payload adds counts.
    admin_baseline = {url: admin_markup(support_client, url) for url in admin_pages}
    # The consumer page loads its own scripts from /static/; only what the payload adds counts.
    languages = (("zh-hans", "正在系统维护"), ("en", "under maintenance"))
    consumer_baseline = {
        language: executable_markup(consumer_plan_page(language=language))
        for language, _text in languages
    }
    assert all(
        markup.startswith("<script /static/")
        for found in consumer_baseline.values()
        for markup in found
    ), consumer_baseline
    type_payload_into_every_field(support_client, bank, payload)

    for language, under_maintenance in languages:
        html = consumer_plan_page(language=language)
        # The payload did reach the page, as text, and the window is in the plan.
        assert escape(payload) in html
        assert under_maintenance in html
        assert executable_markup(html) == consumer_baseline[language], language

    assert {url: admin_markup(support_client, url) for url in admin_pages} == admin_baseline


@pytest.mark.parametrize("field", FORMATTED_FIELDS)
def test_fields_with_a_format_refuse_every_payload(field):
    for payload in PAYLOADS:
        provider = ProviderFactory.build(**{field: payload})
        with pytest.raises(ValidationError) as error:
            provider.full_clean(validate_unique=False, validate_constraints=False)
        assert field in error.value.message_dict, payload


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
