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


# -- every public name leads to its file -----------------------------------------------------------

API_PAGE = REPO / "docs" / "python-api.md"
START, END = "<!-- public-names:start -->\n", "\n<!-- public-names:end -->"


def names_table() -> str:
    """The table of docs/python-api.md: each public name of ``govreport`` and the file that defines it."""
    import importlib

    import govreport

    rows = []
    for name, module_name in sorted(govreport._public_names().items(), key=lambda item: (item[1], item[0].lower())):
        value = getattr(importlib.import_module(module_name), name)
        defined_in = getattr(value, "__module__", None) or module_name
        if not isinstance(defined_in, str) or not defined_in.startswith("govreport"):
            defined_in = module_name  # a constant: it lives where it is imported from
        module = importlib.import_module(defined_in)
        path = Path(module.__file__ or "").resolve().relative_to(REPO / "src").as_posix()
        rows.append(f"| `govreport.{name}` | `src/{path}` |")
    return "\n".join(["| name | defined in |", "|---|---|", *rows])


def test_every_public_name_is_listed_with_its_file() -> None:
    text = API_PAGE.read_text(encoding="utf-8")
    shown = text[text.index(START) + len(START) : text.index(END)]
    assert shown == names_table(), "regenerate the table: python tests/test_public_surface.py"


if __name__ == "__main__":
    print(names_table())
