"""The provider's step wording in the support console (wizard/console/admin.py): checked
before it is saved."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


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
