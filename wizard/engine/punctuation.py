"""Chinese punctuation for what a plan says in Chinese, whoever wrote the words.

Step texts, provider facts and ladder records are typed by many hands (staff in the admin,
seed files) and mix half-width ",:;()" into Chinese. A plan says them with full-width marks
where they touch Chinese (times like 16:00, numbers like 1,000 and web addresses keep
theirs), nests quotes (“…‘…’…”) and never ends a sentence twice ("。。").
"""

from __future__ import annotations

import re

from config.language import is_english

_CJK = "\u3400-\u9fff\uf900-\ufaff"
# Full-width marks and quotes count as Chinese neighbours too.
_CHINESE = f"[{_CJK}\u3000-\u303f\uff01-\uff5e“”‘’]"
_MARKS = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
_MARK_NEXT_TO_CHINESE = re.compile(rf"(?<={_CHINESE})\s*([,:;!?])\s*|\s*([,:;!?])\s*(?={_CHINESE})")
_BRACKETED = re.compile(r"\(([^()]*)\)")
_HAS_CJK = re.compile(f"[{_CJK}]")
_DOUBLED_STOP = re.compile(r"([。！？])[。.]+|\.(?=。)")
_ADDRESS = re.compile(r"https?://\S+|www\.\S+")


def _full_width_marks(text: str) -> str:
    def swap(match: re.Match[str]) -> str:
        mark = match.group(1) or match.group(2)
        return _MARKS[mark]

    return _MARK_NEXT_TO_CHINESE.sub(swap, text)


def _brackets(text: str) -> str:
    return _BRACKETED.sub(
        lambda m: f"（{m.group(1)}）" if _HAS_CJK.search(m.group(1)) else m.group(0), text
    )


def nest_quotes(text: str) -> str:
    """“外“内”外” → “外‘内’外”: a quote inside a quote takes single marks."""
    out = []
    depth = 0
    for char in text:
        if char == "“":
            out.append("‘" if depth % 2 else "“")
            depth += 1
        elif char == "”" and depth:
            depth -= 1
            out.append("’" if depth % 2 else "”")
        else:
            out.append(char)
    return "".join(out)


def chinese_punctuation(text: str) -> str:
    """The text with Chinese punctuation where it is Chinese; web addresses untouched."""
    if not text or not _HAS_CJK.search(text):
        return text
    pieces = []
    last = 0
    for address in _ADDRESS.finditer(text):
        pieces.append(_tidy(text[last : address.start()]))
        pieces.append(address.group(0))
        last = address.end()
    pieces.append(_tidy(text[last:]))
    return nest_quotes("".join(pieces))


def _tidy(text: str) -> str:
    text = _brackets(_full_width_marks(text))
    return _DOUBLED_STOP.sub(lambda m: m.group(1) or "", text)


def english_stops(text: str) -> str:
    """No sentence ends twice: ".." (not an ellipsis) becomes "."."""
    return re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)


def punctuate(text: str, *, language: str) -> str:
    """What the plan says, punctuated for its language."""
    return english_stops(text) if is_english(language) else chinese_punctuation(text)
