"""What plugins and examples may import: the public modules, and nothing private.

A third party writes against the same surface as the plugins and examples of this repository; if
one of them needs a private module, the public base is missing something.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

#: The modules of govreport a plugin or a program may import (docs/architecture.md lists them too).
PUBLIC_MODULES = frozenset(
    {
        "govreport",
        "govreport.checks",
        "govreport.errors",
        "govreport.exporting",
        "govreport.findings",
        "govreport.formats",
        "govreport.hookspecs",
        "govreport.model",
        "govreport.plugins",
        "govreport.spec",
        "govreport.testing",
    }
)


def _imported(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return {name for name in found if name == "govreport" or name.startswith("govreport.")}


def _outside_code() -> list[Path]:
    sources = [
        *REPO.glob("plugins/*/src/**/*.py"),
        *REPO.glob("plugins/*/tests/**/*.py"),
        *REPO.glob("examples/**/*.py"),
    ]
    return sorted(path for path in sources if ".venv" not in path.parts)


def test_the_scan_sees_the_plugins_and_examples() -> None:
    names = {path.relative_to(REPO).as_posix() for path in _outside_code()}
    assert "plugins/govreport-markdown/src/govreport_markdown/__init__.py" in names
    assert "examples/govreport-csv/src/govreport_csv/__init__.py" in names
    assert "examples/letterhead_reference.py" in names
    assert "govreport.exporting" in _imported(REPO / "plugins/govreport-markdown/src/govreport_markdown/__init__.py")


def test_plugins_and_examples_import_only_public_modules() -> None:
    private = {
        f"{path.relative_to(REPO)}: {module}"
        for path in _outside_code()
        for module in _imported(path)
        if module not in PUBLIC_MODULES
    }
    assert private == set()


def test_the_public_modules_are_documented() -> None:
    page = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert [module for module in sorted(PUBLIC_MODULES) if f"`{module}`" not in page] == []
