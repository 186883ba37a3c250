"""Every command the README and the manuals in docs/ show works exactly as written, on a fresh
clone after `make run`.

The test copies the working tree as a fresh clone would have it (tracked and new files, no
var/), reuses this virtual environment, runs `make run` there with no environment of its
own, and then runs each command the pages show: `.venv/bin/python …` ones for real,
`make …` ones as a dry run (they build, serve or benchmark). A command answers with exit
status 0 unless the page says `# exits 2` after it. It also checks the example output of
`manage.py plan` (docs/command-line.md), that production stays strict, and that 60 guessed
reference codes from the server's one address leave the next person able to finish and
reopen a plan.
"""

from __future__ import annotations

import datetime as dt
import http.cookiejar
import json
import os
import pty
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.wizard.helpers import page_answers

pytestmark = pytest.mark.slow

BASE_DIR = Path(__file__).resolve().parents[2]
README = BASE_DIR / "README.md"
# The manuals the README links to: their commands are held to the same promise.
DOCS = BASE_DIR / "docs"
# A command as the README shows it: optional VAR=value prefixes, then the program.
COMMAND = re.compile(r"^(?:[A-Z_]+=\S+\s+)*(?:\.venv/bin/python|python3?|manage\.py|make)\s+\S")
EXPECTED_EXIT = re.compile(r"\s+#\s*exits\s+(\d+)\s*$")
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# What a person running `make run` and then a command would have: no Django settings at all.
PASSWORD = "lantern-orchard-47-river"
KEPT_ENVIRONMENT = ("PATH", "HOME", "LANG", "LC_ALL", "TERM", "TMPDIR", "USER")


@dataclass(frozen=True)
class Shown:
    """One command the README shows, and the exit status it promises."""

    text: str
    exit_status: int = 0

    @property
    def runs_for_real(self) -> bool:
        return ".venv/bin/python" in self.text


def shown_pages() -> str:
    """The README and every page in docs/, one after the other."""
    pages = [README, *sorted(DOCS.glob("*.md"))]
    return "\n\n".join(page.read_text(encoding="utf-8") for page in pages)


def commands_in_readme(text: str) -> list[Shown]:
    """Commands in ```sh blocks and in `inline code`, in order, each once."""
    found: list[Shown] = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            line = line.strip()
            if COMMAND.match(line):
                expected = EXPECTED_EXIT.search(line)
                command = EXPECTED_EXIT.sub("", line) if expected else line.split("  #")[0]
                found.append(Shown(command.strip(), int(expected[1]) if expected else 0))
    outside_blocks = re.sub(r"```.*?```", "", text, flags=re.S)
    for span in re.findall(r"`([^`\n]+)`", outside_blocks):
        if COMMAND.match(span.strip()):
            found.append(Shown(span.strip()))
    unique: dict[str, Shown] = {}
    for shown in found:
        unique.setdefault(shown.text, shown)
    return list(unique.values())


def plan_example(text: str) -> tuple[str, object]:
    """The README's `manage.py plan` example command and the JSON it says it prints."""
    match = re.search(
        r"```sh\n(\.venv/bin/python manage\.py plan [^\n]+)\n```\s*\n.*?```json\n(.*?)```",
        text,
        flags=re.S,
    )
    assert match, "the README shows a `manage.py plan` example followed by its JSON output"
    return match[1], json.loads(match[2])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def clean_environment() -> dict[str, str]:
    return {name: os.environ[name] for name in KEPT_ENVIRONMENT if name in os.environ}


def fresh_clone(target: Path) -> Path:
    """The working tree as a fresh clone has it, with this virtual environment linked in."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=BASE_DIR,
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    for name in filter(None, (entry.decode() for entry in listed)):
        source = BASE_DIR / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)  # keeps times: make sees the venv as current
    (target / ".venv").symlink_to(Path(sys.prefix))
    return target


def run(command: str, cwd: Path, *, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def run_on_a_terminal(command: str, cwd: Path, answers: list[str]) -> tuple[int, str]:
    """Run an interactive command in a pseudo-terminal, typing the answers prompt by prompt.

    A prompt is output that ends in a colon and then waits (Django asks in the site's
    language: 用户名, 电子邮件地址, 密码 ...). Killed if it is still running after a minute.
    """
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the command
        os.chdir(cwd)
        os.execve("/bin/bash", ["bash", "-c", command], clean_environment())
    output, since_answer = "", ""
    remaining = list(answers)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            if remaining and re.search(r"[:：]\s*$", since_answer):
                os.write(fd, (remaining.pop(0) + "\n").encode())
                since_answer = ""
            continue
        try:
            chunk = os.read(fd, 4096).decode(errors="replace")
        except OSError:  # the command finished and closed the terminal
            break
        if not chunk:
            break
        output += chunk
        since_answer += chunk
    else:
        os.kill(pid, signal.SIGKILL)
        output += "\n[still waiting for input after 60 s: killed]"
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output


@pytest.fixture(scope="module")
def after_make_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A fresh clone on which `make run` is serving: (its folder, the server's URL)."""
    clone = fresh_clone(tmp_path_factory.mktemp("fresh-clone"))
    before = run(".venv/bin/python manage.py check", clone)
    # On a fresh clone, before `make run`: strict, in one line, no traceback.
    assert before.returncode == 2, before
    assert "DJANGO_SECRET_KEY" in before.stderr and len(before.stderr.strip().splitlines()) == 1
    assert "Traceback" not in before.stderr
    migrated = run("DJANGO_DEBUG=1 .venv/bin/python manage.py migrate --noinput", clone)
    assert migrated.returncode == 0, migrated.stderr  # var/ did not exist yet

    address = f"127.0.0.1:{free_port()}"
    log = (clone / "make-run.log").open("w")
    server = subprocess.Popen(
        # -o: the linked virtual environment is current and must never be rebuilt from here.
        ["make", "-o", ".venv/.installed", "run", f"RUN_ADDRESS={address}"],
        cwd=clone,
        env=clean_environment(),
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://{address}"
    try:
        deadline = time.monotonic() + 180
        while True:
            if server.poll() is not None:
                pytest.fail(f"make run exited with {server.returncode}:\n{log_text(clone)}")
            try:
                with urllib.request.urlopen(url + "/healthz/live", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"make run did not serve within 180 s:\n{log_text(clone)}")
                time.sleep(0.5)
        yield clone, url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def log_text(clone: Path) -> str:
    return (clone / "make-run.log").read_text(errors="replace")[-4000:]


def test_the_readme_shows_every_command_as_it_is_run():
    shown = commands_in_readme(shown_pages())
    bare = [
        s.text for s in shown if re.match(r"^(?:[A-Z_]+=\S+\s+)*(?:python3?|manage\.py)\b", s.text)
    ]
    assert bare == [], "write these as `.venv/bin/python manage.py …` so they run as shown"
    assert any("manage.py plan" in s.text for s in shown)
    assert any("createsuperuser" in s.text for s in shown)


def test_every_command_the_readme_shows_works_as_written_after_make_run(after_make_run):
    clone, _url = after_make_run
    failures = []
    for shown in commands_in_readme(shown_pages()):
        command = shown.text
        if not shown.runs_for_real:  # make targets build, serve or benchmark: check they exist
            command = command.replace("make ", "make -n ", 1)
        if re.search(r"manage\.py (createsuperuser|create_support_user)\b", command) and (
            "--password" not in command
        ):
            status, output = run_on_a_terminal(
                command,
                clone,
                # user name, e-mail, password, password again (support users: the last two)
                ["readme-admin", "readme-admin@example.com", *[PASSWORD] * 2]
                if "createsuperuser" in command
                else [PASSWORD] * 2,
            )
        else:
            result = run(command, clone)
            status, output = result.returncode, result.stdout + result.stderr
        if status != shown.exit_status or "Traceback" in output:
            failures.append(
                f"{command}\n  exit {status}, wanted {shown.exit_status}\n{output[-800:]}"
            )
        if shown.exit_status == 2 and status == 2:
            errors = [line for line in output.strip().splitlines() if line.strip()]
            if len(errors) != 1:
                failures.append(f"{command}\n  wanted one line of error, got:\n{output}")
    assert failures == [], "\n\n".join(failures)


def test_the_plan_example_prints_what_the_readme_says(after_make_run):
    clone, _url = after_make_run
    command, shown_output = plan_example(shown_pages())
    result = run(command, clone)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == shown_output


def test_production_stays_strict_even_beside_the_local_marker(after_make_run):
    clone, _url = after_make_run
    assert (clone / "var" / "local.env").is_file()
    # The app servers load config.wsgi, which never reads the marker.
    result = run(".venv/bin/python -c 'import config.wsgi'", clone)
    assert result.returncode != 0 and "DJANGO_SECRET_KEY is not set" in result.stderr
    # And an explicit production setting wins over the marker in manage.py too.
    result = run("DJANGO_DEBUG=0 .venv/bin/python manage.py check", clone)
    assert result.returncode == 2 and "DJANGO_SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


class Person:
    """One browser: its own cookies, no redirects followed."""

    class _NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return None

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), self._NoRedirects
        )

    def request(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, body, timeout=10) as response:
                return (
                    response.status,
                    response.headers.get("Location", ""),
                    response.read().decode(),
                )
        except urllib.error.HTTPError as response:
            return response.code, response.headers.get("Location", ""), response.read().decode()


def test_sixty_guessed_codes_leave_the_next_person_there_able_to_reopen_their_plan(
    after_make_run,
):
    _clone, url = after_make_run
    guesser = Person(url)
    guessed = [guesser.request(f"/plan/{'23456789AB'[i % 10] * 10}/")[0] for i in range(30)]
    guessed += [Person(url).request(f"/plan/{'CDEFGHJKMN'[i % 10] * 10}/")[0] for i in range(30)]
    assert set(guessed) <= {404, 429} and guessed.count(404) >= 40

    person = Person(url)
    status, location, _ = person.request("/check/")
    assert status == 302, status
    base = location.removesuffix("provider/")
    midnight = dt.datetime.now(ZoneInfo("Asia/Shanghai")).replace(hour=0, minute=0)
    pages = {
        "provider": page_answers("provider", provider="cmb"),
        "message": page_answers("message"),
        "problem": page_answers("problem", symptom="timeout"),
        "channel": page_answers("channel"),
        "timing": page_answers("timing", when=midnight),
        "situation": page_answers("situation"),
        "review": {},
    }
    for step, fields in pages.items():
        status, _, page = person.request(f"{base}{step}/")
        assert status == 200, (step, status)
        token = CSRF_INPUT.search(page)
        assert token, step
        data = {
            "csrfmiddlewaretoken": token[1],
            f"repayment_wizard_{base.split('/')[2]}-current_step": step,
            **{f"{step}-{name}": value for name, value in fields.items()},
        }
        status, location, _ = person.request(f"{base}{step}/", data)
        assert status == 302, (step, status)
    status, plan_url, _ = person.request(f"{base}done/")
    assert status == 302 and plan_url.startswith("/plan/"), (status, plan_url)
    status, _, plan = person.request(plan_url)
    assert status == 200 and "请稍后再试" not in plan
    assert Person(url).request(plan_url)[0] == 200, "reopened by its code in a new session"
