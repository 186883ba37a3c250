"""The support console in a real browser: every page works under the site's strict CSP."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from providers.models import EscalationRung, Provider
from tests.browser.conftest import new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_console_pages_load_without_content_security_policy_violations(
    browser, live_server, providers
):
    get_user_model().objects.create_superuser("staff", "staff@example.com", "pw-staff-123")
    cmb = Provider.objects.get(slug="cmb").pk
    boc = Provider.objects.get(slug="boc").pk  # with grace tiers inline
    rung = EscalationRung.objects.get(code="regulator-12378").pk
    page = new_page(browser)
    try:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", "staff")
        page.fill("#id_password", "pw-staff-123")
        with page.expect_navigation():
            page.click("input[type=submit]")
        violations = {}
        for path in [
            "/admin/",
            "/admin/providers/provider/",
            f"/admin/providers/provider/{cmb}/change/",
            f"/admin/providers/provider/{cmb}/preview/",
            f"/admin/providers/provider/{boc}/change/",
            "/admin/providers/provider/recheck/",
            f"/admin/providers/provider/{cmb}/history/",
            "/admin/providers/provider/import/",
            "/admin/providers/provider/export/",
            "/admin/providers/maintenancewindow/add/",
            "/admin/wizard/remediationtext/",
            "/admin/wizard/messagepattern/",
            "/admin/wizard/messagepattern/add/",
            "/admin/wizard/messagepattern/import/",
            "/admin/wizard/messagepattern/export/",
            "/admin/wizard/unmatchedmessage/",
            "/admin/providers/escalationrung/",
            f"/admin/providers/escalationrung/{rung}/change/",
            "/admin/providers/escalationrung/add/",
            "/admin/providers/escalationrung/import/",
        ]:
            response = page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")
            assert response.status == 200, path
            if page.csp_violations:
                violations[path] = list(page.csp_violations)
                page.csp_violations.clear()
        # The export page's "select all" toggle still works, wired from a static file.
        page.goto(live_server.url + "/admin/providers/provider/export/")
        toggle = page.locator(".select-toggle")
        assert toggle.count() == 1
        assert page.locator(".selectable-field-export-row input:checked").count() > 0
        toggle.uncheck()
        assert page.locator(".selectable-field-export-row input:checked").count() == 0
        assert violations == {}
    finally:
        page.context.close()


def test_the_recheck_list_and_a_provider_with_its_provenance_pass_axe(
    browser, live_server, providers
):
    from axe_playwright_python.sync_playwright import Axe

    get_user_model().objects.create_superuser("staff", "staff@example.com", "pw-staff-123")
    page = new_page(browser)
    try:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", "staff")
        page.fill("#id_password", "pw-staff-123")
        with page.expect_navigation():
            page.click("input[type=submit]")
        page.goto(live_server.url + "/admin/providers/provider/recheck/")
        rows = page.locator("#content-main tbody tr")
        assert rows.count() >= 17
        results = Axe().run(page).response
        serious = [v["id"] for v in results["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == []
        boc = Provider.objects.get(slug="boc").pk
        page.goto(live_server.url + f"/admin/providers/provider/{boc}/change/")
        assert page.locator('select[name="grace_certainty"]').input_value() == "secondary"
        assert page.locator('input[name="grace_tiers-3-code"]').input_value() == "platinum"
    finally:
        page.context.close()
