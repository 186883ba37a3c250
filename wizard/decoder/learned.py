"""The decoder's learned part: which problem a message's wording points to, for the long tail
of wordings no phrase pattern covers.

Character n-grams (1 to 3) of the normalised text, weighted by TF-IDF, feed two logistic
regressions: one for the problem (or "not a payment failure"), one for the outcome. Short
Chinese messages have no spaces to split words on, and n-grams of characters read
"持卡人信息有误" and "您输入的银行卡号有误" without a dictionary. scikit-learn trains the
model (`train`); reading needs only its arrays. The model is stored and versioned by
wizard/learning.py and handed to `decode` like the pattern set: nothing here reads a
database, a cache or a file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from wizard.decoder.matching import DEDUCTED, FAILED, UNKNOWN
from wizard.decoder.normalise import Normalised, normalise, normalise_phrase

# The problem label of a message that is no payment failure (a success SMS, a reminder).
NOT_FAILURE = "not_failure"
# The outcome label of such a message.
NO_OUTCOME = "no_match"
OUTCOME_LABELS = (FAILED, UNKNOWN, DEDUCTED, NO_OUTCOME)
# Below this probability for its best problem, the learned part says nothing (the
# default; retraining calibrates it on the held-out part).
DEFAULT_THRESHOLD = 0.45
# Any sign that money may have left wins: this much of the outcome model's belief in
# "unknown" and "deducted" together is enough to say so.
MONEY_SIGN = 0.3
EXPLAINED_NGRAMS = 5
LEARNED_CHARACTERS = 400
# Regularisation: weaker than the default, since a few characters decide a short message.
C = 20.0
# Advice any failure may end with: it says nothing about the cause, so neither the rules'
# ranking (wizard/decoder/reading.py) nor the n-grams the model learns from count it.
GENERIC_ADVICE = tuple(
    normalise_phrase(phrase)
    for phrase in (
        "请联系发卡行",
        "联系发卡行",
        "与发卡银行联系",
        "咨询您的发卡行",
        "联系银行",
        "请联系客服",
        "联系客服",
        "交易失败",
        "支付失败",
        "还款失败",
        "扣款失败",
        "请稍后重试",
        "稍后重试",
        "请重试",
        "稍后再试",
    )
)


@dataclass(frozen=True)
class Labelled:
    """A message with the problem and outcome it means (symptom NOT_FAILURE and outcome
    NO_OUTCOME for a message that is no payment failure)."""

    text: str
    symptom: str
    outcome: str

    @property
    def failure(self) -> bool:
        return self.symptom != NOT_FAILURE


@dataclass(frozen=True)
class Guess:
    """What the learned part reads: problems with their probabilities, best first; the
    outcome; and the n-grams that weighed most for the best problem."""

    problems: tuple[tuple[str, float], ...]
    outcome: str
    money_share: float
    because: tuple[str, ...]

    @property
    def symptom(self) -> str:
        return self.problems[0][0]

    @property
    def confidence(self) -> float:
        return self.problems[0][1]

    def probability(self, symptom: str) -> float:
        return dict(self.problems).get(symptom, 0.0)


def features(message: Normalised) -> str:
    """The text the n-grams are taken from: the words without generic advice (so that the
    specific cause decides), then each code with its table."""
    text = message.text
    for phrase in GENERIC_ADVICE:
        text = text.replace(phrase, " ")
    if not text.strip():
        text = message.text
    codes = " ".join(f"〔{code.namespace or ''}{code.value.lower()}〕" for code in message.codes)
    return f"{text} {codes}".strip()


def ngrams(text: str) -> list[str]:
    """Every run of one to three characters (spaces as one), as TF-IDF counts them."""
    text = " ".join(text.split())
    grams = list(text)
    for size in (2, 3):
        grams.extend(text[i : i + size] for i in range(len(text) - size + 1))
    return grams


@dataclass(frozen=True, eq=False)
class LearnedReader:
    """A trained model as plain arrays: the n-gram vocabulary and its IDF weights, and per
    classifier its labels, coefficients and intercepts. Build with `train`.

    Reading is a sparse dot product and a softmax over the message's own n-grams, without
    scikit-learn (which only trains). Pickled (joblib) only by the app itself, never from
    anything a user sent."""

    vocabulary: dict[str, int] = field(repr=False)
    idf: Any = field(repr=False)
    problems: tuple[str, ...]
    problem_coef: Any = field(repr=False)
    problem_intercept: Any = field(repr=False)
    outcomes: tuple[str, ...]
    outcome_coef: Any = field(repr=False)
    outcome_intercept: Any = field(repr=False)
    threshold: float = DEFAULT_THRESHOLD
    examples: int = 0

    def with_threshold(self, threshold: float) -> LearnedReader:
        return replace(self, threshold=threshold)

    def guess(self, message: Normalised) -> Guess:
        """The problems the message may mean (probabilities), its outcome, and why.

        Only the first LEARNED_CHARACTERS are read: a payment screen's message is far
        shorter, and a long paste should not cost a long read (the rules read it all)."""
        columns, values, grams = self._vector(features(message)[:LEARNED_CHARACTERS])
        problem_probabilities = _probabilities(
            self.problem_coef, self.problem_intercept, columns, values
        )
        outcome_probabilities = dict(
            zip(
                self.outcomes,
                _probabilities(self.outcome_coef, self.outcome_intercept, columns, values),
                strict=True,
            )
        )
        problems = sorted(
            zip(self.problems, problem_probabilities, strict=True),
            key=lambda pair: pair[1],
            reverse=True,
        )
        best = self.problems.index(problems[0][0])
        return Guess(
            problems=tuple(problems),
            outcome=_cautious_outcome(outcome_probabilities),
            money_share=outcome_probabilities.get(UNKNOWN, 0.0)
            + outcome_probabilities.get(DEDUCTED, 0.0),
            because=self._because(best, columns, values, grams),
        )

    def _vector(self, text: str) -> tuple[Any, Any, list[str]]:
        """The message's TF-IDF row (sublinear counts, L2-normalised): columns and values."""
        import numpy

        counts = Counter(gram for gram in ngrams(text) if gram in self.vocabulary)
        grams = list(counts)
        columns = numpy.fromiter((self.vocabulary[g] for g in grams), dtype=numpy.int64)
        tf = 1.0 + numpy.log(numpy.fromiter(counts.values(), dtype=numpy.float64))
        values = tf * self.idf[columns]
        norm = float(numpy.sqrt(numpy.dot(values, values)))
        if norm:
            values = values / norm
        return columns, values, grams

    def _because(self, label: int, columns: Any, values: Any, grams: list[str]) -> tuple[str, ...]:
        """The n-grams of this message that weigh most towards the problem read."""
        if not grams:
            return ()
        binary = len(self.problems) == 2
        weights = self.problem_coef[0 if binary else label, columns] * values
        if binary and label == 0:
            weights = -weights
        order = weights.argsort()[::-1]
        return tuple(
            grams[i] for i in order[:EXPLAINED_NGRAMS] if weights[i] > 0 and grams[i].strip()
        )


def _probabilities(coef: Any, intercept: Any, columns: Any, values: Any) -> list[float]:
    """A logistic regression's class probabilities for one sparse row."""
    import numpy

    scores = coef[:, columns] @ values + intercept
    if coef.shape[0] == 1:  # two classes: one decision function
        positive = 1.0 / (1.0 + float(numpy.exp(-scores[0])))
        return [1.0 - positive, positive]
    scores = numpy.exp(scores - scores.max())
    return [float(p) for p in scores / scores.sum()]


def _cautious_outcome(probabilities: dict[str, float]) -> str:
    """As the rules rank them: money taken outweighs money that may have left, which
    outweighs a failure; each as soon as the model gives it MONEY_SIGN (the two together
    for "may have left")."""
    deducted = probabilities.get(DEDUCTED, 0.0)
    unknown = probabilities.get(UNKNOWN, 0.0)
    if deducted >= MONEY_SIGN:
        return DEDUCTED
    if deducted + unknown >= MONEY_SIGN:
        return UNKNOWN
    if probabilities.get(NO_OUTCOME, 0.0) > probabilities.get(FAILED, 0.0):
        return NO_OUTCOME
    return FAILED


def train(
    examples: Iterable[Labelled], *, threshold: float = DEFAULT_THRESHOLD
) -> LearnedReader:
    """A model trained on the labelled messages (at least two problems and two outcomes).

    Deterministic: the same examples give the same model, so the default `make run` trains
    is the one the corpus makes. scikit-learn is imported here only.
    """
    import numpy
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    examples = _distinct(examples)
    texts = [features(normalise(example.text)) for example in examples]
    problems = [example.symptom for example in examples]
    outcomes = [example.outcome for example in examples]
    if len(set(problems)) < 2 or len(set(outcomes)) < 2:
        raise ValueError("training needs at least two problems and two outcomes")
    vectoriser = TfidfVectorizer(analyzer=ngrams, sublinear_tf=True, dtype=numpy.float64)
    matrix = vectoriser.fit_transform(texts)
    problem_model = LogisticRegression(C=C, max_iter=1000, class_weight="balanced")
    outcome_model = LogisticRegression(C=C, max_iter=1000, class_weight="balanced")
    # One BLAS thread: on a busy two-core machine more make a 0.1 s fit take ten seconds.
    with threadpool_limits(limits=1):
        problem_model.fit(matrix, problems)
        outcome_model.fit(matrix, outcomes)
    return LearnedReader(
        vocabulary={str(gram): int(column) for gram, column in vectoriser.vocabulary_.items()},
        idf=numpy.asarray(vectoriser.idf_, dtype=numpy.float64),
        problems=tuple(str(c) for c in problem_model.classes_),
        problem_coef=numpy.asarray(problem_model.coef_, dtype=numpy.float64),
        problem_intercept=numpy.asarray(problem_model.intercept_, dtype=numpy.float64),
        outcomes=tuple(str(c) for c in outcome_model.classes_),
        outcome_coef=numpy.asarray(outcome_model.coef_, dtype=numpy.float64),
        outcome_intercept=numpy.asarray(outcome_model.intercept_, dtype=numpy.float64),
        threshold=threshold,
        examples=len(examples),
    )


def _distinct(examples: Iterable[Labelled]) -> list[Labelled]:
    """One example per normalised text; a later label of the same text replaces an earlier
    one (staff's labels come last and correct the corpus)."""
    kept: dict[str, Labelled] = {}
    for example in examples:
        key = normalise(example.text).text
        if key:
            kept.pop(key, None)
            kept[key] = example
    return list(kept.values())
