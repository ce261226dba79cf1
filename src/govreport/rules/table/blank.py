"""The rule ``table.blank``: the blank cells of a table, counted and listed (a blank is not 0)."""

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
    "table.blank",
    "error",
    "A table has blank cells (missing values; a blank is not 0). The format requires a number in every cell, "
    "so a published report with a blank is incomplete — typically a row lost when the report was converted, "
    "which the importer's finding explains. One finding per table, with every blank cell listed in `cells`; "
    "a table with no value at all is `structure.section.empty` instead.",
)
def blank_cells(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    non_numbers = context.non_number_cells
    for spec in TABLES:
        unfilled = [(address, cell) for address, cell in non_numbers.items() if address[0] == spec.key]
        blanks = [
            cell_location(*address)
            for address, cell in unfilled
            if cell.is_blank and not (cell.raw and cell.raw.strip())  # text that is not a number: table.value.type
        ]
        # A table with no value at all (every cell blank, no text) is structure.section.empty's.
        if blanks and not (
            len(unfilled) == len(spec.cells) and all(cell.is_blank and not cell.raw for _a, cell in unfilled)
        ):
            yield emit(
                f"{table_name(spec.key)}有{len(blanks)}个空白单元格（共{len(spec.cells)}个），"
                f"空白不等于0，应填写数字：{cell_names(spec.key, blanks)}",
                cell_location(spec.key),
                found=str(len(blanks)),
                cells=blanks,
            )
