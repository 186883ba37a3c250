"""Which of the site's two languages a language code means: the one place that decides it.

The site speaks Chinese (zh-hans, the default) and English. Every bilingual value is stored
twice, with `_zh` and `_en` suffixes; anything that picks one asks `is_english`.
"""

from __future__ import annotations


def is_english(language: str | None) -> bool:
    """True for English ("en", "en-gb", ...); Chinese, and anything unknown or missing, is not."""
    return language is not None and language.lower().startswith("en")


def suffix(language: str | None) -> str:
    """The field suffix for a language: "en" or "zh"."""
    return "en" if is_english(language) else "zh"


def pick(language: str | None, *, zh: str, en: str) -> str:
    """The Chinese or English one of two texts."""
    return en if is_english(language) else zh
