"""Cells a spreadsheet would run as formulas are exported as text and import back as they were."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from providers.spreadsheet import escape_cell, unescape_cell


@given(st.text())
def test_every_text_imports_back_as_it_was_exported(text):
    assert unescape_cell(escape_cell(text)) == text


@given(st.text())
def test_no_exported_text_starts_a_formula(text):
    assert not escape_cell(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_numbers_and_empty_cells_are_left_as_they_are():
    assert escape_cell(3) == 3 and escape_cell(None) is None and escape_cell("") == ""
