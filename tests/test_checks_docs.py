"""docs/checks.md lists every registered rule, as the registry describes it, with examples its tests produce."""

from __future__ import annotations

import pytest

from govreport.checks.catalog import builtin_checks, rule_file, rules_table
from govreport.formats import Check
from govreport.plugins import build_registry
from rule_cases import PAGE, REGENERATE, TRIPS, catalogue, failed_check_example, produced_examples, shown_on_page

pytestmark = pytest.mark.usefixtures("clean_registry")


def test_the_rules_table_is_the_registrys() -> None:
    shown = shown_on_page(PAGE.read_text(encoding="utf-8"))
    assert shown == catalogue(), f"regenerate it: {REGENERATE}"


def test_every_registered_rule_is_documented() -> None:
    text = PAGE.read_text(encoding="utf-8")
    ids = [check.id for check, _source in build_registry(autoload=False).checks()]
    missing = [rule for rule in ids if f"`{rule}`" not in text]
    assert missing == []
    assert "`check.failed`" in text


def test_every_rule_has_a_summary_and_a_produced_example() -> None:
    examples = produced_examples()
    for check in builtin_checks():
        assert check.summary, check.id
        assert check.example == "", f"{check.id}: a built-in rule's example comes from its tripping case"
        assert examples.get(check.id), f"{check.id}: its first case in tests/rule_cases.py gives no finding"
    assert set(examples) == {*TRIPS, "check.failed"}


def test_an_example_is_the_first_message_of_the_first_case() -> None:
    examples = produced_examples()
    # the first case of table.blank blanks one cell of table 三
    assert examples["table.blank"].startswith("表三有1个空白单元格")
    assert examples["check.failed"] == failed_check_example()
    assert "bad.explode" in examples["check.failed"]
    assert "raised ZeroDivisionError: boom" in examples["check.failed"]


def test_a_third_partys_rule_shows_its_own_example_and_no_file() -> None:
    plugin_rule = Check(id="sd.contact.email", severity="warning", summary="No e-mail.", run=lambda c: [], example="无")
    (row,) = [line for line in rules_table([plugin_rule], {}).splitlines() if "sd.contact.email" in line]
    assert row == "| `sd.contact.email` |  | warning |  | No e-mail. | 无 |"
    assert rule_file(plugin_rule) == ""
    shown = rules_table([plugin_rule], {"sd.contact.email": "前言未提供联系电子邮箱"})
    assert "| 前言未提供联系电子邮箱 |" in shown
