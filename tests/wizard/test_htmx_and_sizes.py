"""htmx enhancement and page weight, asserted on real responses."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

from tests.factories import ProviderFactory
from tests.wizard.helpers import WizardSession

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
FIRST_PAGE_BUDGET = 30 * 1024
SWAP_BUDGET = 6 * 1024


@pytest.fixture
def providers():
    # As many providers as the seed ships, so the provider page is as heavy as in production.
    return ProviderFactory.create_batch(20)


def gzipped(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=6))


def test_first_page_total_transfer_is_at_most_30_kb_compressed(providers):
    response = Client().get("/")
    html = response.content
    assets = re.findall(r'(?:href|src)="/static/([^"]+)"', html.decode())
    # Production names carry a content hash (css/site.<hash>.css); collectstatic wrote them.
    for wanted in ("css/site.", "vendor/htmx/htmx.min.", "js/site."):
        assert any(asset.startswith(wanted) for asset in assets), (wanted, assets)
    root = Path(settings.STATIC_ROOT)
    total = gzipped(html) + sum(gzipped((root / asset).read_bytes()) for asset in assets)
    print(f"first page transfer: {total} bytes compressed")
    assert total <= FIRST_PAGE_BUDGET, f"{total} bytes"


def test_every_step_swap_response_is_at_most_6_kb(providers):
    wizard = WizardSession(Client())
    wizard.start()
    sizes = {"provider": len(wizard.get("provider", **HTMX).content)}
    response = wizard.post("provider", {"provider": providers[0].slug}, follow=True, **HTMX)
    sizes["message"] = len(response.content)
    response = wizard.post("message", {"message": ""}, follow=True, **HTMX)
    sizes["problem"] = len(response.content)
    response = wizard.post("problem", {"symptom": "declined"}, follow=True, **HTMX)
    sizes["channel"] = len(response.content)
    response = wizard.post("channel", {"channel": "app"}, follow=True, **HTMX)
    sizes["account"] = len(response.content)
    print(f"swap sizes: {sizes}")
    assert max(sizes.values()) <= SWAP_BUDGET, sizes


def test_htmx_request_gets_only_the_screen_with_its_title_and_the_url_to_push(providers):
    wizard = WizardSession(Client())
    wizard.start()
    response = wizard.get("provider", **HTMX)
    html = response.content.decode()
    assert "<html" not in html and "site-header" not in html
    assert html.lstrip().startswith("<title>你要向哪家机构还款?")
    assert response["HX-Push-Url"] == wizard.url("provider")
    assert "HX-Request" in response["Vary"]


def test_each_swap_also_refreshes_the_language_switch_to_return_to_the_new_screen(providers):
    wizard = WizardSession(Client())
    wizard.start()
    html = wizard.get("provider", **HTMX).content.decode()
    assert 'id="language-switch"' in html and 'data-hx-swap-oob="true"' in html
    assert f'name="next" value="{wizard.url("provider")}"' in html


def test_htmx_post_follows_the_redirect_and_pushes_the_final_url(providers):
    wizard = WizardSession(Client())
    wizard.start()
    response = wizard.post("provider", {"provider": providers[0].slug}, follow=True, **HTMX)
    assert response.redirect_chain == [(wizard.url("message"), 302)]
    assert response["HX-Push-Url"] == wizard.url("message")


def test_a_form_shown_again_with_errors_pushes_no_url(providers):
    wizard = WizardSession(Client())
    wizard.start()
    response = wizard.post("provider", {}, **HTMX)
    assert response.status_code == 200
    assert response["HX-Push-Url"] == "false"
    assert response.content.decode().lstrip().startswith("<title>错误:")


def test_history_restore_request_gets_the_full_page(providers):
    wizard = WizardSession(Client())
    wizard.start()
    response = wizard.get(
        "provider", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    html = response.content.decode()
    assert html.startswith("<!DOCTYPE html>")
    assert "HX-Push-Url" not in response
    assert "HX-Request" in response["Vary"]


def test_full_page_also_varies_on_hx_request(providers):
    assert "HX-Request" in Client().get("/")["Vary"]


def test_htmx_is_vendored_at_one_exact_version_with_its_licence():
    script = open(finders.find("vendor/htmx/htmx.min.js"), encoding="utf-8").read()
    assert 'version:"2.0.11"' in script
    licence = open(finders.find("vendor/htmx/LICENSE"), encoding="utf-8").read()
    assert licence.startswith("Zero-Clause BSD")
