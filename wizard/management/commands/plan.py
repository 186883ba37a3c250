"""Print the plan for a set of answers as JSON: the same plan the web page shows."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from wizard.engine.answers import SHANGHAI, AnswersError
from wizard.planner import plan_for_answers

USAGE_ERROR = 2


class Command(BaseCommand):
    help = (
        "Build the repayment plan for answers given as JSON (a file, or - for standard input) "
        "and print it as JSON. Invalid input: one line on standard error naming the field, "
        "exit status 2."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--answers", required=True, help="JSON file of answers, or - for stdin")
        parser.add_argument(
            "--now",
            help="Plan as if it were this moment (ISO 8601, Asia/Shanghai if no offset); "
            "default: the current time",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
        )

    def handle(self, *args: Any, **options: Any) -> None:
        data = read_answers(options["answers"])
        now = parse_now(options["now"])
        try:
            plan = plan_for_answers(data, now=now, language=options["language"])
        except AnswersError as error:
            raise CommandError(f"{error.field}: {error.message}", returncode=USAGE_ERROR) from None
        self.stdout.write(json.dumps(plan.to_dict(), ensure_ascii=False, indent=2))


def read_answers(source: str) -> Any:
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(
            f"answers: cannot read {source}: {error}", returncode=USAGE_ERROR
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CommandError(
            f"answers: malformed JSON at line {error.lineno} column {error.colno}: {error.msg}",
            returncode=USAGE_ERROR,
        ) from None


def parse_now(value: str | None) -> dt.datetime:
    if value is None:
        return timezone.now()
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"now: {value!r} is not an ISO 8601 date and time", returncode=USAGE_ERROR
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=SHANGHAI)
