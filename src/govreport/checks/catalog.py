"""The table of rules for ``docs/checks.md``, generated from the registry.

``python -m govreport.checks.catalog`` prints it; a test fails when the page shows another table, so
the documentation lists every registered rule as it is.
"""

from __future__ import annotations

from govreport.checks.engine import CHECK_FAILED
from govreport.formats import Check
from govreport.plugins import Registry, build_registry


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_table(checks: list[Check]) -> str:
    """A Markdown table: id, severity, whether last year's report is needed, what trips it, an example."""
    lines = [
        "| rule | severity | needs last year | what trips it | example finding |",
        "|---|---|---|---|---|",
    ]
    for check in checks:
        lines.append(
            f"| `{check.id}` | {check.severity.value} | {'yes' if check.needs_previous else ''} "
            f"| {_cell(check.summary)} | {_cell(check.example)} |"
        )
    lines.append(
        f"| `{CHECK_FAILED}` | warning |  | A check raised, returned something that is not a list of findings, or "
        "yielded a finding of another rule: the report was not checked by it (reported by the engine, not "
        "registered). | 检查规则 bad.explode（插件 …）未能完成，报告未按此规则检查：raised ZeroDivisionError: boom |"
    )
    return "\n".join(lines)


def builtin_table(registry: Registry | None = None) -> str:
    """The table of the built-in rules (installed plugins left out)."""
    registry = registry or build_registry(autoload=False)
    return rules_table([check for check, source in registry.checks() if source.builtin])


if __name__ == "__main__":
    print(builtin_table())
