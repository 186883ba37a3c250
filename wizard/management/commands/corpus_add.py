"""Add labelled messages to the decoder's corpus by its split rule (rule 4 of
wizard/decoder/corpus/README.md): learn part or held-out part, never moving an old message."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wizard.decoder.corpus import HELD_OUT, LEARN, add, record_from
from wizard.decoder.evaluation import LabelError, json_lines
from wizard.management.commands.decode import USAGE_ERROR, read_lines
from wizard.triage.learning import DECODER, EXAMPLES

CORPUS = DECODER / "corpus"
SEED_PATTERNS = DECODER / "seed" / "patterns.json"
TEST_HELD_OUT = DECODER.parents[1] / "tests" / "wizard" / "decoder" / "held_out.json"
SHOWN = 5  # messages left out that the summary names, per reason


class Command(BaseCommand):
    help = (
        "Add the labelled messages of a JSON Lines file (--file; each line has text, symptom "
        "or accept, outcome, source, and kind for a no_match message; table when it is a row "
        "of a source table) to the corpus by its split rule: the same text already there is "
        "dropped, a near duplicate goes to its group's side, a new group to the held-out part "
        "when its hash says so. --note is kept on every added line; --dry-run only prints "
        "where they would go. Bad input: one line, exit status 2, nothing written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", required=True, help="JSON Lines of labelled messages")
        parser.add_argument("--note", default="", help="kept on every added line")
        parser.add_argument("--dry-run", action="store_true", help="write nothing")
        parser.add_argument("--corpus", default=str(CORPUS), help="the corpus folder")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        corpus = Path(options["corpus"])
        records = self.read(path, note=options["note"].strip())
        existing = {side: self.read_side(corpus / f"{side}.jsonl") for side in (LEARN, HELD_OUT)}
        addition = add(
            records,
            existing,
            tests=[m["text"] for m in json.loads(TEST_HELD_OUT.read_text(encoding="utf-8"))],
            built_from=[
                *(e["text"] for e in json.loads(EXAMPLES.read_text(encoding="utf-8"))),
                *(
                    p["quote"]
                    for p in json.loads(SEED_PATTERNS.read_text(encoding="utf-8"))
                    if p.get("quote")
                ),
            ],
        )
        if not options["dry_run"]:
            for side in (LEARN, HELD_OUT):
                rows = addition.rows[side]
                if rows:
                    with (corpus / f"{side}.jsonl").open("a", encoding="utf-8") as handle:
                        handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        verb = "would add" if options["dry_run"] else "added"
        for side, name in ((LEARN, "learn part"), (HELD_OUT, "held-out part")):
            families = addition.families(side)
            detail = ", ".join(f"{family} {n}" for family, n in sorted(families.items()))
            self.stdout.write(f"{verb} {len(addition.rows[side])} to the {name}: {detail or '-'}")
        reasons = Counter(why for _text, why in addition.dropped)
        for why, count in sorted(reasons.items()):
            shown = [text[:40] for text, reason in addition.dropped if reason == why][:SHOWN]
            more = f" and {count - len(shown)} more" if count > len(shown) else ""
            self.stdout.write(f"left out {count} ({why}): {' | '.join(shown)}{more}")

    def read(self, path: Path, *, note: str) -> list[dict[str, Any]]:
        lines = read_lines(path)
        records = []
        try:
            raw_lines = json_lines(lines)
        except LabelError as error:
            raise CommandError(f"file: {error}", returncode=USAGE_ERROR) from None
        for number, raw in raw_lines:
            try:
                record = record_from(raw, line=number)
            except LabelError as error:
                raise CommandError(f"file: {error}", returncode=USAGE_ERROR) from None
            if note:
                record["note"] = f"{note}; {record['note']}" if record.get("note") else note
            records.append(record)
        if not records:
            raise CommandError("file: no labelled messages in it", returncode=USAGE_ERROR)
        return records

    def read_side(self, path: Path) -> list[dict[str, Any]]:
        try:
            return [
                json.loads(line)
                for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip()
            ]
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(
                f"corpus: cannot read {path}: {error}", returncode=USAGE_ERROR
            ) from None
