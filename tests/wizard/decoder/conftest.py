"""The shipped patterns as a pure PatternSet (no database), and the labelled messages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from wizard.decoder import PatternFacts, PatternSet

BASE_DIR = Path(__file__).resolve().parents[3]
SEED = BASE_DIR / "wizard" / "decoder" / "seed" / "patterns.json"
EXAMPLES = BASE_DIR / "wizard" / "decoder" / "examples.json"
HELD_OUT = Path(__file__).with_name("held_out.json")


def labelled(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))


def seed_facts() -> list[PatternFacts]:
    """The seed patterns as the decoder reads them, numbered in file order."""
    names = set(PatternFacts.__dataclass_fields__)
    facts = []
    for number, record in enumerate(labelled(SEED), start=1):
        values = {k: v for k, v in record.items() if k in names}
        values["phrases"] = tuple(values["phrases"])
        values["alternatives"] = tuple(values["alternatives"])
        values["checked_on"] = None
        facts.append(PatternFacts(id=number, **values))
    return facts


@pytest.fixture(scope="session")
def seed_set() -> PatternSet:
    return PatternSet.of(seed_facts())
