"""docs/checks.md lists every registered rule, as the registry describes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from govreport.checks.catalog import builtin_table
from govreport.plugins import build_registry

PAGE = Path(__file__).resolve().parent.parent / "docs" / "checks.md"

pytestmark = pytest.mark.usefixtures("clean_registry")


def test_the_rules_table_is_the_registrys() -> None:
    text = PAGE.read_text(encoding="utf-8")
    start, end = "<!-- rules:start -->\n", "\n<!-- rules:end -->"
    shown = text[text.index(start) + len(start) : text.index(end)]
    assert shown == builtin_table(), "regenerate it: python -m govreport.checks.catalog"


def test_every_registered_rule_is_documented() -> None:
    text = PAGE.read_text(encoding="utf-8")
    ids = [check.id for check, _source in build_registry(autoload=False).checks()]
    missing = [rule for rule in ids if f"`{rule}`" not in text]
    assert missing == []
    assert "`check.failed`" in text


def test_every_rule_has_a_summary_and_an_example() -> None:
    for check, _source in build_registry(autoload=False).checks():
        assert check.summary, check.id
        assert check.example, check.id
