"""The shape every `load_*` command shares: read a shipped JSON list of records, check each
names itself by its key, load them, and say how many were created, updated or kept.

App-agnostic (config imports no app): each command names its file, its key and its loader.
Bad input is one line on standard error and exit status 2.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

from django.core.management.base import BaseCommand, CommandError, CommandParser

# Bad input to a command: one line on standard error, exit status 2.
USAGE_ERROR = 2


class SeedCommand(BaseCommand):
    """A command that loads shipped records without touching staff edits (`--update` does)."""

    seed_file: ClassVar[Path]
    key: ClassVar[str]  # the field each record is known by
    blank_key_allowed: ClassVar[bool] = True
    expected: ClassVar[str]  # what the file must hold, for the error: "provider objects"
    counted: ClassVar[str]  # what the report counts: "providers"

    def load_records(self, records: list[dict[str, Any]], *, update: bool) -> tuple[int, int, int]:
        """Load the checked records, all or nothing: (created, updated, kept)."""
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file", type=Path, default=self.seed_file, help=f"JSON list of {self.expected}"
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help=f"Also overwrite existing {self.counted} with the file's values "
            "(discards staff edits).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            records = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}", returncode=USAGE_ERROR) from error
        if not isinstance(records, list) or not all(
            isinstance(record, dict)
            and isinstance(record.get(self.key), str)
            and (self.blank_key_allowed or record[self.key])
            for record in records
        ):
            raise CommandError(
                f"{path}: expected a JSON list of {self.expected}, each with a {self.key}",
                returncode=USAGE_ERROR,
            )
        created, updated, kept = self.load_records(records, update=options["update"])
        self.stdout.write(
            f"{self.counted}: {created} created, {updated} updated, {kept} kept as they were"
        )
