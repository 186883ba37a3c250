"""Reference codes: what a person reads out on the phone to reopen their plan.

Ten characters from 30 letters and digits without 0/O, 1/I/L or U, so nothing is confused
when it is said aloud or typed again; 30**10 (about 5.9 x 10**14) codes.
"""

from __future__ import annotations

import secrets

# No 0/O, 1/I/L or U: read aloud over the phone, nothing is confused.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10  # 30**10 ≈ 5.9e14 codes


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def canonical_reference_code(text: str) -> str | None:
    """A code as typed ("k7m2q-9x4pa", with spaces or dashes) in canonical form, or None."""
    code = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code
