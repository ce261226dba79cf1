"""The table of rules for ``docs/checks.md``, generated from the registry.

A rule's example is the message of a finding it really gives: the built-in rules' come from the
tripping cases of the tests (``tests/rule_cases.py``, which also rewrites the page), a third party's
from its ``Check.example``. A test fails when the page shows another table, so the documentation
lists every registered rule as it is.
"""

from __future__ import annotations

from collections.abc import Mapping

from govreport.checks.engine import CHECK_FAILED
from govreport.formats import Check
from govreport.plugins import Registry, build_registry

#: Where the engine writes the finding of a check that could not run.
ENGINE_FILE = "checks/engine.py"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rule_file(check: Check) -> str:
    """The file of a built-in rule, relative to the package (``rules/table/blank.py``); else ""."""
    module = check.run.__module__
    if not module.startswith("govreport.rules."):
        return ""
    return module.removeprefix("govreport.").replace(".", "/") + ".py"


def rules_table(checks: list[Check], examples: Mapping[str, str] | None = None) -> str:
    """A Markdown table: id, file, severity, whether last year's report is needed, what trips it, an example.

    ``examples`` maps a rule id to the message of a finding it gives (``check.failed`` included);
    a rule without one shows its own ``Check.example``.
    """
    examples = examples or {}
    lines = [
        "| rule | file | severity | needs last year | what trips it | example finding |",
        "|---|---|---|---|---|---|",
    ]
    for check in checks:
        file = rule_file(check)
        lines.append(
            f"| `{check.id}` | {f'`{file}`' if file else ''} | {check.severity.value} "
            f"| {'yes' if check.needs_previous else ''} "
            f"| {_cell(check.summary)} | {_cell(examples.get(check.id) or check.example)} |"
        )
    lines.append(
        f"| `{CHECK_FAILED}` | `{ENGINE_FILE}` | warning |  | A check raised, returned something that is not a list of "
        "findings, or yielded a finding of another rule: the report was not checked by it (reported by the engine, "
        f"not registered). | {_cell(examples.get(CHECK_FAILED, ''))} |"
    )
    return "\n".join(lines)


def builtin_checks(registry: Registry | None = None) -> list[Check]:
    """The built-in rules, in the order they run (installed plugins left out)."""
    registry = registry or build_registry(autoload=False)
    return [check for check, source in registry.checks() if source.builtin]


def builtin_table(registry: Registry | None = None, examples: Mapping[str, str] | None = None) -> str:
    """The table of the built-in rules (installed plugins left out)."""
    return rules_table(builtin_checks(registry), examples)


if __name__ == "__main__":
    # without the tests' examples: the page itself is written by ``python tests/rule_cases.py --write``
    print(builtin_table())
