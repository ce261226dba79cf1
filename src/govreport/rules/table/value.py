"""The rule ``table.value.type``: a cell holding text that is not a number of its kind."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.support.labels import TABLE_SPECS, cell_location, cell_name
from govreport.findings import Finding
from govreport.spec import ValueKind

rules = RuleSet()


@rules.rule(
    "table.value.type",
    "error",
    "A cell holds text that is not a number of its kind: a count must be a non-negative whole number, "
    'an amount in 万元 a non-negative decimal ("约5", "5.5" in a count, "12万").',
)
def value_type(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    for address, cell in context.non_number_cells.items():
        if cell.is_blank and cell.raw and cell.raw.strip():
            table, row, column = address
            spec = TABLE_SPECS[table]
            cell_kind = spec.cells[spec.cell_index[(row, column)]].kind
            kind = "非负整数" if cell_kind is ValueKind.COUNT else "以万元为单位的非负数"
            yield emit(
                f"{cell_name(*address)}写的是“{cell.raw}”，不是{kind}",
                cell_location(*address),
                found=cell.raw,
            )
