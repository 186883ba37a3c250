"""The plan engine stays pure: what it may import, checked on its source.

import-linter (pyproject.toml) holds the directions between our own modules; it cannot see
inside Django, so this test holds the engine to the parts of Django that are not the ORM,
the request cycle or templates: translation, and the enumeration types of choices.
"""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[3] / "wizard" / "engine"
ALLOWED_DJANGO = {"django.utils.translation", "django.utils", "django.db.models.enums"}
ALLOWED_OURS = ("wizard.engine", "providers.facts", "config.language")


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_the_engine_imports_no_orm_request_or_template_module():
    for path in sorted(ENGINE.glob("*.py")):
        for module in imports_of(path):
            if module.startswith("django"):
                assert module in ALLOWED_DJANGO, f"{path.name} imports {module}"
            elif module.split(".")[0] in {"config", "providers", "wizard"}:
                assert module.startswith(ALLOWED_OURS), f"{path.name} imports {module}"


def test_from_django_utils_only_time_zones_and_translation():
    for path in sorted(ENGINE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils":
                names = {alias.name for alias in node.names}
                assert names <= {"translation"}, f"{path.name} imports {names} from django.utils"
