"""How well a reader reads labelled messages: the figures `manage.py decoder_eval` prints
and `manage.py retrain_decoder` compares versions by.

A labelled message has `text`, `symptom` (or `accept`, the problems any of which is a
right reading), and `outcome` ("failed", "unknown", "deducted"; "no_match" with no
symptom, or the symptom "not_failure", for a message that is no payment failure).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from wizard.decoder.learned import NO_OUTCOME, NOT_FAILURE, Labelled
from wizard.decoder.matching import DEDUCTED, FAILED, OUTCOMES, UNKNOWN
from wizard.decoder.reading import NO_MATCH, Reading

NOT_FAILURE_OUTCOMES = frozenset({NO_MATCH, NO_OUTCOME, "none", "not_failure", "success", ""})


class LabelError(ValueError):
    """A labelled line that cannot be used: its line number and why."""


@dataclass(frozen=True)
class Item:
    """One labelled message to read."""

    text: str
    accept: tuple[str, ...]  # empty for a message that is no payment failure
    outcome: str  # FAILED, UNKNOWN, DEDUCTED or NO_MATCH
    provider: str | None = None
    channel: str | None = None

    @property
    def failure(self) -> bool:
        return bool(self.accept)

    def as_labelled(self) -> Labelled:
        if not self.failure:
            return Labelled(self.text, NOT_FAILURE, NO_OUTCOME)
        return Labelled(self.text, self.accept[0], self.outcome)


def item_from(record: Any, *, line: int = 0) -> Item:
    """An Item from a JSON object; LabelError (naming the line) when it cannot be one."""
    where = f"line {line}: " if line else ""
    if not isinstance(record, dict):
        raise LabelError(f"{where}not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise LabelError(f"{where}text: missing or empty")
    accept = record.get("accept")
    symptom = record.get("symptom")
    if accept is None:
        accept = [symptom] if symptom else []
    if isinstance(accept, str):
        accept = [accept]
    if not isinstance(accept, list) or not all(isinstance(a, str) for a in accept):
        raise LabelError(f"{where}accept: must be a list of problems")
    accept = [a for a in accept if a and a != NOT_FAILURE]
    outcome = str(record.get("outcome") or "")
    if outcome in NOT_FAILURE_OUTCOMES or not accept:
        if outcome in OUTCOMES and not accept:
            raise LabelError(f"{where}symptom: a {outcome} message needs a symptom or accept")
        return Item(text, (), NO_MATCH, record.get("provider"), record.get("channel"))
    if outcome not in OUTCOMES:
        raise LabelError(f"{where}outcome: must be one of {', '.join(OUTCOMES)} or no_match")
    return Item(text, tuple(accept), outcome, record.get("provider"), record.get("channel"))


def json_lines(lines: Iterable[str]) -> list[tuple[int, Any]]:
    """Each non-blank line's number and JSON value; LabelError on the first that is not JSON."""
    values = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            values.append((number, json.loads(line)))
        except json.JSONDecodeError as error:
            raise LabelError(f"line {number}: not JSON ({error.msg})") from None
    return values


def read_jsonl(lines: Iterable[str]) -> list[Item]:
    """Items from JSON Lines (blank lines skipped); LabelError on the first bad line."""
    return [item_from(record, line=number) for number, record in json_lines(lines)]


class DisjointSets:
    """Which keys are joined, directly or through others (union-find with path halving)."""

    def __init__(self) -> None:
        self._parent: dict[Any, Any] = {}

    def find(self, key: Any) -> Any:
        parent = self._parent
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def join(self, first: Any, second: Any) -> None:
        self._parent[self.find(first)] = self.find(second)


@dataclass(frozen=True)
class Report:
    """The figures: shares of messages read right, overall and by kind, and the confusions."""

    total: int
    right: int
    failures: int
    right_problem: int
    non_failures: int
    quiet_on_non_failures: int
    by_outcome: dict[str, dict[str, int]]
    by_problem: dict[str, dict[str, int]]
    confusions: list[tuple[str, str, int]]
    misses: list[dict[str, str]]

    @property
    def score(self) -> float:
        """One figure to compare versions by: the mean of the acceptance shares (right
        problem on failures, money at stake flagged, silence on non-failures)."""
        parts = [
            self.share(self.right_problem, self.failures),
            self.share(self.quiet_on_non_failures, self.non_failures),
        ]
        at_stake = [self.by_outcome.get(o, {}) for o in (UNKNOWN, DEDUCTED)]
        total = sum(o.get("total", 0) for o in at_stake)
        if total:
            parts.append(sum(o.get("flagged", 0) for o in at_stake) / total)
        known = [p for p in parts if p is not None]
        return round(sum(known) / len(known), 4) if known else 0.0

    @staticmethod
    def share(part: int, whole: int) -> float | None:
        return round(part / whole, 4) if whole else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "messages": self.total,
            "accuracy": self.share(self.right, self.total),
            "score": self.score,
            "failures": {
                "messages": self.failures,
                "right_problem": self.right_problem,
                "share": self.share(self.right_problem, self.failures),
            },
            "non_failures": {
                "messages": self.non_failures,
                "not_recognised": self.quiet_on_non_failures,
                "share": self.share(self.quiet_on_non_failures, self.non_failures),
            },
            "by_outcome": {
                outcome: {**counts, "share": self.share(counts["right"], counts["total"])}
                for outcome, counts in sorted(self.by_outcome.items())
            },
            "by_problem": {
                problem: {**counts, "share": self.share(counts["right"], counts["total"])}
                for problem, counts in sorted(self.by_problem.items())
            },
            "confusions": [
                {"expected": expected, "read": read, "count": count}
                for expected, read, count in self.confusions
            ],
            "misses": self.misses,
        }


def evaluate(items: Iterable[Item], read: Callable[[Item], Reading]) -> Report:
    """Read every item with `read` and count what came out right.

    A failure is right when its problem is among those accepted and its outcome is the
    labelled one; an unknown outcome counts as flagged when the reading says money may
    have left (unknown or deducted), a deducted one only when read as deducted. A
    non-failure is right when nothing recognised it.
    """
    total = right = failures = right_problem = non_failures = quiet = 0
    by_outcome: dict[str, Counter[str]] = defaultdict(Counter)
    by_problem: dict[str, Counter[str]] = defaultdict(Counter)
    confusions: Counter[tuple[str, str]] = Counter()
    misses: list[dict[str, str]] = []
    for item in items:
        reading = read(item)
        total += 1
        expected_problem = item.accept[0] if item.accept else NOT_FAILURE
        read_problem = reading.symptom if reading.matched and reading.symptom else NOT_FAILURE
        outcome_counts = by_outcome[item.outcome]
        outcome_counts["total"] += 1
        outcome_right = reading.outcome == item.outcome
        outcome_counts["right"] += outcome_right
        if item.outcome == UNKNOWN:
            outcome_counts["flagged"] += reading.may_have_left
        elif item.outcome == DEDUCTED:
            outcome_counts["flagged"] += reading.outcome == DEDUCTED
        elif item.outcome == FAILED:
            outcome_counts["flagged_without_cause"] += reading.may_have_left
        problem_counts = by_problem[expected_problem]
        problem_counts["total"] += 1
        if item.failure:
            failures += 1
            problem_ok = read_problem in item.accept
            right_problem += problem_ok
            problem_counts["right"] += problem_ok
            ok = problem_ok and outcome_right
        else:
            non_failures += 1
            ok = not reading.matched
            quiet += ok
            problem_counts["right"] += ok
        right += ok
        if read_problem not in (item.accept or (NOT_FAILURE,)):
            confusions[(expected_problem, read_problem)] += 1
        if not ok:
            misses.append(
                {
                    "text": item.text[:80],
                    "expected": f"{expected_problem}/{item.outcome}",
                    "read": f"{read_problem}/{reading.outcome}",
                    "decided_by": reading.source or "-",
                }
            )
    return Report(
        total=total,
        right=right,
        failures=failures,
        right_problem=right_problem,
        non_failures=non_failures,
        quiet_on_non_failures=quiet,
        by_outcome={k: dict(v) for k, v in by_outcome.items()},
        by_problem={k: dict(v) for k, v in by_problem.items()},
        confusions=[(e, r, n) for (e, r), n in confusions.most_common()],
        misses=misses,
    )


# The "not recognised" thresholds calibrate tries: 0.1 to 0.95 (the threshold is how sure the
# model must be that a message is a payment failure at all).
THRESHOLDS = tuple(round(0.1 + step * 0.025, 3) for step in range(0, 35))


def calibrate(
    items: list[Item], read_at: Callable[[float], Callable[[Item], Reading]]
) -> tuple[float, Report]:
    """The "not recognised" threshold: of those that leave at least 90 % of the
    non-failures unrecognised, the one that reads the most failures right (the lowest
    such on a tie); when none does, the one that leaves the most unrecognised."""
    best: tuple[tuple[float, float, float], float, Report] | None = None
    for threshold in THRESHOLDS:
        report = evaluate(items, read_at(threshold))
        quiet = Report.share(report.quiet_on_non_failures, report.non_failures)
        quiet = 1.0 if quiet is None else quiet
        problems = Report.share(report.right_problem, report.failures) or 0.0
        key = (float(quiet >= 0.9), problems if quiet >= 0.9 else quiet, -threshold)
        if best is None or key > best[0]:
            best = (key, threshold, report)
    assert best is not None
    return best[1], best[2]


# --- Leave-source-out cross-validation --------------------------------------------------------

# How a message's source is named in the corpus: a file of the search tool's code index, a
# repository path, or a web address. Messages of one source share wording (one gateway's table,
# one dataset, one lender's templates), so a fold that held only part of a source would read
# it more easily than the decoder reads a source it has never seen.
_CODE_FILE = re.compile(r"file id (\d+)")
_REPOSITORY = re.compile(r"github:([^/\s]+/[^/@:\s]+)")
_ADDRESS = re.compile(r"https?://([^/\s]+)(/[^\s?#)]*)?")


def source_key(source: str) -> str:
    """What counts as one source: a code file, a repository, or a web address (host and
    path); anything else by its first 60 characters."""
    if match := _CODE_FILE.search(source):
        return f"file:{match.group(1)}"
    if match := _REPOSITORY.search(source):
        return f"repo:{match.group(1).lower()}"
    if match := _ADDRESS.search(source):
        return f"web:{match.group(1)}{match.group(2) or ''}"
    return f"text:{source[:60]}"


def source_folds(records: Sequence[dict[str, Any]], folds: int) -> list[list[int]]:
    """The records' indexes in `folds` folds that keep each source and each near-duplicate
    group whole: sources that share a group are one block; the largest block goes first, each
    to the smallest fold so far (ties by a hash of its first index, so the folds are the same
    on every run)."""
    sets = DisjointSets()
    groups = [f"group:{r.get('group') or r.get('id') or r['text']}" for r in records]
    for record, group in zip(records, groups, strict=True):
        sets.join(group, source_key(str(record.get("source") or "")))
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, group in enumerate(groups):
        blocks[sets.find(group)].append(index)
    ordered = sorted(
        blocks.values(),
        key=lambda block: (-len(block), hashlib.sha256(str(block[0]).encode()).hexdigest()),
    )
    assigned: list[list[int]] = [[] for _ in range(folds)]
    for block in ordered:
        min(assigned, key=len).extend(block)
    return [sorted(fold) for fold in assigned]


def pooled(reports: Sequence[Report]) -> Report:
    """One report of several (the folds of a cross-validation): every count summed."""
    by_outcome: dict[str, Counter[str]] = defaultdict(Counter)
    by_problem: dict[str, Counter[str]] = defaultdict(Counter)
    confusions: Counter[tuple[str, str]] = Counter()
    for report in reports:
        for outcome, counts in report.by_outcome.items():
            by_outcome[outcome].update(counts)
        for problem, counts in report.by_problem.items():
            by_problem[problem].update(counts)
        for expected, read, count in report.confusions:
            confusions[(expected, read)] += count
    return Report(
        total=sum(r.total for r in reports),
        right=sum(r.right for r in reports),
        failures=sum(r.failures for r in reports),
        right_problem=sum(r.right_problem for r in reports),
        non_failures=sum(r.non_failures for r in reports),
        quiet_on_non_failures=sum(r.quiet_on_non_failures for r in reports),
        by_outcome={k: dict(v) for k, v in by_outcome.items()},
        by_problem={k: dict(v) for k, v in by_problem.items()},
        confusions=[(e, r, n) for (e, r), n in confusions.most_common()],
        misses=[miss for r in reports for miss in r.misses],
    )
