"""docs/writing-an-exporter-plugin.md shows the example plugin's files exactly as they are."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PAGE = REPO / "docs" / "writing-an-exporter-plugin.md"
EXAMPLE = REPO / "examples" / "govreport-csv"


@pytest.mark.parametrize(
    ("path", "language"),
    [
        ("pyproject.toml", "toml"),
        ("src/govreport_csv/__init__.py", "python"),
        ("tests/test_govreport_csv.py", "python"),
    ],
)
def test_the_page_shows_the_file(path: str, language: str) -> None:
    source = (EXAMPLE / path).read_text(encoding="utf-8")
    assert f"```{language}\n{source}```" in PAGE.read_text(encoding="utf-8"), f"{path} differs from the guide"


def test_the_example_plugin_is_installed_as_ci_installs_it() -> None:
    from govreport.plugins import build_registry

    registry = build_registry(only=["csv"])
    assert registry.failures == []
    assert registry.exporter_source("csv").distribution == "govreport-csv"


def test_the_template_excerpt_is_the_markdown_plugins() -> None:
    page = PAGE.read_text(encoding="utf-8")
    excerpt = page[page.index("```py\n") + 6 :]
    excerpt = excerpt[: excerpt.index("```")]
    source = (REPO / "plugins/govreport-markdown/src/govreport_markdown/__init__.py").read_text(encoding="utf-8")
    for line in excerpt.strip().splitlines():
        assert line.strip() in source, line
