"""Load for `make bench`: the floor, and people walking the wizard from start to plan.

Run by tests/bench/run_bench.py, one user class per phase. Each wizard user is
a person with their own cookies: session and CSRF as a browser keeps them.
"""

from __future__ import annotations

import random

from locust import FastHttpUser, constant, task

from tests.bench.walk import DONE_URL, PLAN_MARK, PLAN_URL, csrf_token, provider_choices, steps

FLOOR_URL = "/healthz/live"


class Floor(FastHttpUser):
    """The cheapest request the site can answer, through the production middleware."""

    wait_time = constant(0)

    @task
    def live(self) -> None:
        self.client.get(FLOOR_URL, name="floor")


class WizardWalk(FastHttpUser):
    """A person answering every question, then reading the plan, with no think time."""

    wait_time = constant(0)

    @task
    def walk(self) -> None:
        self.client.cookiejar.clear()
        self.client.get("/", name="GET start")
        with self.client.get(
            "/check/?reset=1", name="GET reset", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"reset answered {response.status_code}")
                return
        provider_page = self.client.get("/check/provider/", name="GET provider").text or ""
        choices = provider_choices(provider_page)
        if not choices:
            return
        token = csrf_token(provider_page)
        for number, step in enumerate(steps(random.choice(choices))):
            if number:
                with self.client.get(
                    step.url, name=f"GET {step.name}", catch_response=True
                ) as page:
                    if page.status_code != 200 or "csrfmiddlewaretoken" not in (page.text or ""):
                        page.failure(f"{step.url} answered {page.status_code}")
                        return
                    token = csrf_token(page.text)
            with self.client.post(
                step.url,
                data=step.form_data(token),
                name=f"POST {step.name}",
                allow_redirects=False,
                catch_response=True,
            ) as response:
                location = response.headers.get("Location") if response.headers else None
                if response.status_code != 302 or location != step.next_url:
                    response.failure(f"POST {step.url}: {response.status_code} to {location}")
                    return
        with self.client.get(
            DONE_URL, name="GET done", allow_redirects=False, catch_response=True
        ) as done:
            if done.headers.get("Location") != PLAN_URL:
                done.failure(f"done answered {done.status_code}")
                return
        with self.client.get(PLAN_URL, name="GET plan", catch_response=True) as plan:
            if PLAN_MARK not in (plan.text or ""):
                plan.failure("the plan page shows no plan")
