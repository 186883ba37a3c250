"""Form widgets for the wizard's pages."""

from __future__ import annotations

from typing import Any

from django import forms


class RadioSelect(forms.RadioSelect):
    def __deepcopy__(self, memo: dict[int, Any]) -> RadioSelect:
        # Each form's copy shares the choices (see wizard.forms.SharedChoiceField):
        # Django copies and normalises them again for every form made.
        return forms.Widget.__deepcopy__(self, memo)
