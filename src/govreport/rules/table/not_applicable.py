"""The rule ``table.not_applicable``: cells marked not applicable, listed for a reviewer."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.support.labels import cell_location, table_name
from govreport.findings import Finding
from govreport.rules.table._listing import cell_names
from govreport.spec import TABLES

rules = RuleSet()


@rules.rule(
    "table.not_applicable",
    "info",
    'A table has cells marked not applicable ("/", "—"); every cell of the official tables applies, '
    "so each is listed for a reviewer to confirm.",
)
def not_applicable_cells(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    non_numbers = context.non_number_cells
    for spec in TABLES:
        marked = [
            cell_location(*address)
            for address, cell in non_numbers.items()
            if address[0] == spec.key and cell.is_not_applicable
        ]
        if marked:
            yield emit(
                f"{table_name(spec.key)}有{len(marked)}个单元格填写为“不适用”（/、—等）："
                f"{cell_names(spec.key, marked)}",
                cell_location(spec.key),
                found=str(len(marked)),
                cells=marked,
            )
