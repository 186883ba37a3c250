"""Reference codes (wizard/cases/reference_codes.py): random, distinct, and forgiving to type."""

from __future__ import annotations

from wizard.cases.reference_codes import CODE_ALPHABET, canonical_reference_code, new_code


def test_codes_are_random_distinct_and_forgiving_to_type():
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(set(code) <= set(CODE_ALPHABET) for code in codes)
    assert not set("01ILOU") & set(CODE_ALPHABET)
    assert canonical_reference_code(" k7m2q-9x4pa ") == "K7M2Q9X4PA"
    assert canonical_reference_code("K7M2Q-9X4P") is None  # too short
    assert canonical_reference_code("K7M2Q-9X4P0") is None  # 0 is not in the alphabet
