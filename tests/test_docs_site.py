"""The documentation site (mkdocs.yml): its generated pages match the code, its pictures are made
from the real exporters, and its navigation points at pages that exist.

The strict build itself (``mkdocs build --strict``) runs in .ci/run after the tests, with the
``docs`` extra installed.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import struct
from pathlib import Path
from types import ModuleType

import pytest

from govreport.cli import _build_parser

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"docs_{path.stem}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hooks = _module(DOCS / "hooks" / "generated_pages.py")
build_assets = _module(DOCS / "build_assets.py")


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(actions) == 1
    return dict(actions[0].choices)


def _section(page: str, command: str) -> str:
    match = re.search(rf"^## {re.escape(command)}\n(.*?)(?=^## |\Z)", page, re.MULTILINE | re.DOTALL)
    assert match, f"the CLI reference has no section for {command!r}"
    return match.group(1)


def test_cli_reference_covers_every_command_and_option() -> None:
    page = hooks.cli_reference()
    parser = _build_parser()
    commands = {"govreport": parser} | {f"govreport {name}": sub for name, sub in _subparsers(parser).items()}
    assert set(re.findall(r"^## (govreport.*)$", page, re.MULTILINE)) == set(commands)
    for title, sub in commands.items():
        section = _section(page, title)
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
                continue
            for option in action.option_strings or [action.metavar or action.dest]:
                assert f"`{option}" in section, f"{title}: {option} is not in the CLI reference"
            if action.help:
                assert action.help.replace("|", "\\|") in section, f"{title}: the help of {action.dest} is missing"
        assert sub.format_usage().split()[1] in section  # the usage line is there


def test_cli_reference_follows_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not a snapshot: a new option in the parser shows up in the page with nothing else to edit."""
    import govreport.cli

    real = govreport.cli._build_parser

    def extended() -> argparse.ArgumentParser:
        parser = real()
        _subparsers(parser)["render"].add_argument("--brand-new", metavar="N", help="a new option")
        return parser

    monkeypatch.setattr(govreport.cli, "_build_parser", extended)
    assert "| `--brand-new N` | a new option |" in _section(hooks.cli_reference(), "govreport render")


def _nav_pages(text: str) -> list[str]:
    return re.findall(r"^\s*- (?:[^:\n]+: )?([\w./-]+\.md)\s*$", text, re.MULTILINE)


def test_nav_points_at_pages_that_exist_or_are_generated() -> None:
    nav = _nav_pages((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    for page in ("index.md", "cookbook.md", "api-reference.md"):
        assert page in nav
    missing = [page for page in nav if not (DOCS / page).is_file() and page != hooks.CLI_REFERENCE]
    assert missing == [], f"mkdocs.yml lists pages that do not exist: {missing}"
    assert hooks.CLI_REFERENCE in nav


def test_api_reference_names_the_public_modules() -> None:
    text = (DOCS / "api-reference.md").read_text(encoding="utf-8")
    for module in ("govreport.api", "govreport.errors", "govreport.model", "govreport.findings", "govreport.spec"):
        assert f"::: {module}\n" in text


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_build_assets_makes_the_pictures_from_the_exporters(tmp_path: Path) -> None:
    # Never skipped: Chromium, LibreOffice and poppler-utils are installed by .ci/run.
    written = build_assets.build(tmp_path)
    assert [path.name for path in written] == list(build_assets.ASSETS)
    html_width, html_height = _png_size(tmp_path / "html.png")
    assert (html_width, html_height) == (1000, 1100)
    page_width, page_height = _png_size(tmp_path / "docx-page.png")
    assert 480 <= page_width <= 520  # one A4 page at 60 dpi
    assert 680 <= page_height <= 720
    for path in written:
        assert path.stat().st_size > 10_000, f"{path.name} looks empty"
