"""A rule id leads to its file: ``<group>.<name>[.<more>]`` is ``govreport/rules/<group>/<name>.py``.

The engine and the helpers several groups share stay in ``govreport.checks``, and no rule is there.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

import govreport.checks
import govreport.rules
from govreport.checks import RuleSet
from govreport.checks.catalog import builtin_checks, rule_file
from govreport.formats import Check
from govreport.plugins import BUILTIN_PLUGINS, build_registry

pytestmark = pytest.mark.usefixtures("clean_registry")

RULES = Path(govreport.rules.__file__).parent
GROUPS = sorted(path.name for path in RULES.iterdir() if (path / "__init__.py").is_file())


def _module_for(rule_id: str) -> str:
    group, name = rule_id.split(".")[:2]
    return f"govreport.rules.{group}.{name}"


def _rules_of(module_name: str) -> list[Check]:
    """The checks a module makes with a RuleSet, or holds as module-level Check objects."""
    module = importlib.import_module(module_name)
    found: list[Check] = []
    for value in vars(module).values():
        if isinstance(value, RuleSet):
            found += value.checks
        elif isinstance(value, Check) and value.run.__module__ == module_name:
            found.append(value)
    return found


def test_every_builtin_check_lives_in_the_file_its_id_names() -> None:
    wrong = {
        check.id: check.run.__module__ for check in builtin_checks() if check.run.__module__ != _module_for(check.id)
    }
    assert wrong == {}
    for check in builtin_checks():
        assert (RULES.parent / rule_file(check)).is_file(), check.id


def test_each_group_registers_the_rules_of_its_folder() -> None:
    registry = build_registry(autoload=False)
    assert registry.failures == []
    for check, source in registry.checks():
        assert source.name == f"govreport.rules.{check.id.split('.')[0]}", check.id
    assert [f"govreport.rules.{group}" for group in GROUPS] == sorted(
        name for name in BUILTIN_PLUGINS if name.startswith("govreport.rules.")
    )


def test_rules_are_in_group_folders_and_every_rule_module_has_a_rule() -> None:
    assert sorted(path.name for path in RULES.glob("*.py")) == ["__init__.py"], "only groups at the top"
    modules_with_rules = {check.run.__module__ for check in builtin_checks()}
    for group in GROUPS:
        assert not [p for p in (RULES / group).iterdir() if p.is_dir() and p.name != "__pycache__"], group
        for path in sorted((RULES / group).glob("*.py")):
            module = f"govreport.rules.{group}.{path.stem}"
            if path.stem == "__init__" or path.stem.startswith("_"):
                assert _rules_of(module) == [], f"{module} is a group's helper or registry, not a rule's file"
            else:
                assert module in modules_with_rules, f"{module} holds no registered rule"


def test_no_rule_in_the_engine() -> None:
    for info in pkgutil.walk_packages(govreport.checks.__path__, "govreport.checks."):
        if info.name == "govreport.checks.__main__":
            continue
        module = importlib.import_module(info.name)
        assert not hasattr(module, "register_checks"), info.name
        assert _rules_of(info.name) == [], info.name
    assert not [check.id for check in builtin_checks() if check.run.__module__.startswith("govreport.checks")]


def test_a_rule_set_gives_the_check_its_functions_module_and_name() -> None:
    rules = RuleSet()

    @rules.rule("sd.example.rule", "info", "A rule of this test.")
    def example_rule(context: object, emit: object) -> list[object]:
        return []

    (check,) = rules.checks
    assert check.run.__module__ == __name__
    assert check.run.__name__ == "example_rule"
    assert check.run.__qualname__.endswith("example_rule")
