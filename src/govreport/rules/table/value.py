"""The rule ``table.value.type``: a cell holding text that is not a number of its kind."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.support.labels import cell_location, cell_name
from govreport.findings import Finding
from govreport.spec import TABLES, ValueKind

rules = RuleSet()


@rules.rule(
    "table.value.type",
    "error",
    "A cell holds text that is not a number of its kind: a count must be a non-negative whole number, "
    'an amount in 万元 a non-negative decimal ("约5", "5.5" in a count, "12万").',
)
def value_type(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    for spec, table in zip(TABLES, context.report.tables, strict=True):
        for cell_spec, cell in table.items():
            if cell.is_blank and cell.raw and cell.raw.strip():
                kind = "非负整数" if cell_spec.kind is ValueKind.COUNT else "以万元为单位的非负数"
                yield emit(
                    f"{cell_name(spec.key, cell_spec.row, cell_spec.column)}写的是“{cell.raw}”，不是{kind}",
                    cell_location(spec.key, cell_spec.row, cell_spec.column),
                    found=cell.raw,
                )
