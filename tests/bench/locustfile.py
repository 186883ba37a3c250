"""Load for `make bench`: the floor, and people walking the wizard from start to plan.

Run by tests/bench/run_bench.py, one user class per phase. Each wizard user is a person with
their own cookies (session and CSRF, as a browser keeps them), speaking to the servers as the
TLS-terminating load balancer in front of them would: X-Forwarded-Proto on every request, the
Origin a browser sends with each form post, and cookies marked Secure kept and sent back.
"""

from __future__ import annotations

import random
from http.cookiejar import DefaultCookiePolicy

import gevent
from locust import FastHttpUser, constant, task

from tests.bench.walk import PROXY_HEADERS, Reply, Request, WalkFailed, walk

FLOOR_URL = "/healthz/live"


class Floor(FastHttpUser):
    """The cheapest request the site can answer, through the production middleware."""

    wait_time = constant(0)

    @task
    def live(self) -> None:
        self.client.get(FLOOR_URL, name="floor", headers=PROXY_HEADERS)


class WizardWalk(FastHttpUser):
    """A person answering every question, then reading the plan, with no think time."""

    wait_time = constant(0)

    def on_start(self) -> None:
        # The load balancer speaks HTTPS to the browser, so the browser keeps Secure cookies;
        # between it and the servers it is plain HTTP on loopback.
        self.client.cookiejar.set_policy(DefaultCookiePolicy(secure_protocols=("http", "https")))
        self.origin = "https://" + self.host.split("://", 1)[1].rstrip("/")

    def send(self, request: Request) -> Reply:
        headers = dict(PROXY_HEADERS)
        if request.method == "POST":
            headers["Origin"] = self.origin
        with self.client.request(
            request.method,
            request.url,
            name=request.name,
            data=request.data,
            headers=headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            reply = Reply(
                response.status_code,
                (response.headers or {}).get("Location", ""),
                response.text or "",
            )
            problem = request.problem(reply)
            if problem:
                response.failure(problem)
                raise WalkFailed(problem)
        return reply

    @task
    def walk(self) -> None:
        self.client.cookiejar.clear()
        try:
            walk(self.send, random.choice)
        except WalkFailed:
            pass  # recorded as a failure of the request that went wrong


# A message as long as the problem page takes, of realistic words: what a client flooding the
# live reading would send (tests/bench/run_bench.py's reading-load phase).
LONG_MESSAGE = ("您尾号8812的储蓄卡余额不足，还款失败，请稍后再试或联系发卡行。" * 70)[:2000]
CSRF_FIELD = 'name="csrfmiddlewaretoken" value="'


class StartPage(FastHttpUser):
    """One person opening the start page again and again: the latency a newcomer sees."""

    wait_time = constant(0.05)
    fixed_count = 1
    # Under the reading flood, measure once the flooding clients are in their runs.
    settle_seconds = 0.0

    def on_start(self) -> None:
        if self.settle_seconds:
            gevent.sleep(self.settle_seconds)

    @task
    def open_start_page(self) -> None:
        self.client.get("/", name="start", headers=PROXY_HEADERS)


class MessageFlood(FastHttpUser):
    """A client posting 2,000-character messages to the live reading (htmx) without pause,
    in its own wizard run; past its allowance the site answers 429, counted as expected."""

    wait_time = constant(0)
    fixed_count = 20

    def on_start(self) -> None:
        self.client.cookiejar.set_policy(DefaultCookiePolicy(secure_protocols=("http", "https")))
        origin = "https://" + self.host.split("://", 1)[1].rstrip("/")
        self.headers = {**PROXY_HEADERS, "Origin": origin, "HX-Request": "true"}
        first = self.client.get("/check/", headers=PROXY_HEADERS, allow_redirects=False)
        page_url = first.headers["Location"]
        page = self.client.get(page_url, headers=PROXY_HEADERS, name="provider page").text or ""
        start = page.index(CSRF_FIELD) + len(CSRF_FIELD)
        self.token = page[start : page.index('"', start)]
        self.meaning_url = page_url.replace("/provider/", "/problem/meaning/")

    @task
    def read(self) -> None:
        with self.client.post(
            self.meaning_url,
            data={"csrfmiddlewaretoken": self.token, "message-message": LONG_MESSAGE},
            headers=self.headers,
            name="reading",
            catch_response=True,
        ) as response:
            if response.status_code in (200, 429):
                response.success()
            else:
                response.failure(f"status {response.status_code}")


class StartPageUnderReadings(StartPage):
    """The same probe, starting once the flood is under way."""

    settle_seconds = 8.0
