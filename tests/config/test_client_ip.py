"""Whose address a request is: the proxy's X-Forwarded-For believed only from the proxy."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from config.client_ip import client_ip


def request_from(remote: str, forwarded: str | None = None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


@pytest.fixture(autouse=True)
def _trusted(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.1.0.0/16", "unix"]


def test_a_direct_client_is_its_own_address_whatever_it_claims():
    assert client_ip(request_from("198.51.100.7", "1.2.3.4")) == "198.51.100.7"


def test_behind_the_proxy_the_client_is_the_address_it_forwarded():
    assert client_ip(request_from("127.0.0.1", "198.51.100.7")) == "198.51.100.7"


def test_an_address_the_client_made_up_before_the_proxy_is_skipped():
    # The client sent "1.2.3.4" itself; the proxy appended the address it saw.
    assert client_ip(request_from("127.0.0.1", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"


def test_a_chain_of_our_own_proxies_is_walked_back_to_the_client():
    assert client_ip(request_from("127.0.0.1", "198.51.100.7, 10.1.2.3")) == "198.51.100.7"


def test_a_proxy_on_this_machines_socket_is_trusted_when_listed():
    assert client_ip(request_from("", "198.51.100.7")) == "198.51.100.7"


def test_nothing_usable_gives_no_address():
    assert client_ip(request_from("127.0.0.1", "not-an-address")) is None
    assert client_ip(request_from("")) is None


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request_from("127.0.0.1", "198.51.100.7")) == "127.0.0.1"
