"""Static URLs (config/storage.py) come from the manifest once per process, and are the ones
WhiteNoise gives."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from whitenoise.storage import CompressedManifestStaticFilesStorage

from config.storage import StaticFilesStorage


def test_production_uses_the_remembering_storage():
    staticfiles_storage.url("css/site.css")  # sets up the lazy storage
    assert isinstance(staticfiles_storage._wrapped, StaticFilesStorage)


@pytest.mark.parametrize("name", ["css/site.css", "vendor/htmx/htmx.min.js", "favicon.svg"])
def test_urls_are_whitenoises_hashed_urls_and_asked_of_the_manifest_once(name, monkeypatch):
    ours, whitenoise = StaticFilesStorage(), CompressedManifestStaticFilesStorage()
    assert ours.url(name) == whitenoise.url(name) != f"/static/{name}"
    monkeypatch.setattr(ours, "stored_name", lambda _name: pytest.fail("asked again"))
    assert ours.url(name) == whitenoise.url(name)


def test_a_name_missing_from_the_manifest_is_still_an_error():
    with pytest.raises(ValueError):
        StaticFilesStorage().url("no/such/file.css")
