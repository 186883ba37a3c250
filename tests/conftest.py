"""Fixtures every test may use: a cold cache, Redis, quick password hashing, support staff,
and the providers most tests plan for."""

from __future__ import annotations

import os
import uuid

import pytest
import redis
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import Client

from tests.factories import ProviderFactory, UserFactory

# The Redis server the tests that need one use, as production does; they fail, never skip,
# when it is missing. Every test keeps its keys under a prefix of its own.
TEST_REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/11"


def forget_keys(url: str, prefix: str) -> None:
    """Delete the keys under one prefix, and only those: the Redis server may be shared."""
    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=500))
    if keys:
        client.delete(*keys)


def empty_cache() -> None:
    """Empty the default cache; in Redis only this site's keys, never the whole database."""
    default = caches["default"]
    if isinstance(default, RedisCache):
        forget_keys(settings.CACHES["default"]["LOCATION"], default.key_prefix)
    else:
        default.clear()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with a cold cache, as a freshly started process would."""
    empty_cache()
    yield
    empty_cache()


@pytest.fixture(scope="session")
def redis_url() -> str:
    try:
        redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        pytest.fail(
            f"This test needs Redis at {TEST_REDIS_URL} (start redis-server, or set REDIS_URL): "
            f"{error}",
            pytrace=False,
        )
    return TEST_REDIS_URL


@pytest.fixture
def shared_cache(settings, redis_url: str):
    """Cache and sessions as app servers behind a load balancer have them (REDIS_URL set).

    Yields the key prefix, unique to the test, so parallel runs never meet.
    """
    prefix = f"repayhelp-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": prefix,
        }
    }
    settings.SESSION_ENGINE = "config.sessions"
    yield prefix
    forget_keys(redis_url, prefix)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Real hashing is slow on purpose; tests check who may sign in, not the hash's strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def support_user(db):
    """A staff member in the `support` group the migration creates, and nothing more."""
    return UserFactory(username="support", groups=["support"])


@pytest.fixture
def support_client(support_user) -> Client:
    client = Client()
    client.force_login(support_user)
    return client


@pytest.fixture
def bank(db):
    """The provider most plans are made for: slug "bank", 测试银行, hotline 95500."""
    return ProviderFactory(slug="bank", name_zh="测试银行", hotline="95500")


@pytest.fixture
def provider_cmb(db):
    return ProviderFactory(slug="cmb")


@pytest.fixture
def shipped_escalation(db):
    """The shipped providers and the escalation and credit-record records, as `make run`
    loads them."""
    from django.core.management import call_command

    call_command("load_providers", verbosity=0)
    call_command("load_escalation", verbosity=0)


@pytest.fixture
def quiet_client() -> Client:
    """A client that gets the page a person would see instead of the exception."""
    return Client(raise_request_exception=False)


SUPPORT_GROUP_MIGRATIONS = (
    ("providers.migrations.0004_support_group", "create_support_group"),
    ("providers.migrations.0011_support_keeps_grace_tiers", "grant"),
    ("providers.migrations.0012_escalation_ladder", "grant"),
    ("wizard.migrations.0005_support_can_view_cases", "grant"),
    ("wizard.migrations.0012_support_keeps_message_patterns", "grant"),
    ("wizard.migrations.0016_support_teaches_the_decoder", "grant"),
)


def ensure_support_group() -> None:
    """The `support` group as its migrations make it. A transactional test's flush empties
    every table, the group with it (permissions come back with post_migrate, groups do not),
    so a browser test that signs in as support staff lays it out again, by the migrations'
    own functions rather than a copy of their permission lists."""
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Group

    if Group.objects.filter(name="support").exists():
        return
    for module, function in SUPPORT_GROUP_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)
