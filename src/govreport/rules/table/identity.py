"""The rule ``table.identity.incomplete``: identities that cannot be checked for blank or not-applicable cells."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.support.labels import cell_location, cells_named, table_name
from govreport.findings import Finding
from govreport.rules.table._identities import IDENTITIES

rules = RuleSet()


@rules.rule(
    "table.identity.incomplete",
    "info",
    "An identity of tables 三 or 四 that has some numbers but also blank or not-applicable cells: it "
    "cannot be checked (a blank is not 0); the cells that stop it are named. Identities with no number "
    "at all are left to `table.blank`.",
)
def incomplete(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    cells, values = context.cells, context.values
    non_numbers = context.non_number_cells.keys()
    for identity in IDENTITIES:
        identity_cells = identity.cells
        if non_numbers.isdisjoint(identity_cells):
            continue  # every cell a number: nothing stops it (most identities of most reports)
        missing = [address for address in identity_cells if values[address] is None]
        if not missing or len(missing) == len(identity_cells):
            continue
        blank = [address for address in missing if cells[address].is_blank]
        marked = [address for address in missing if not cells[address].is_blank]
        reasons = [f"{cells_named(blank)}为空白"] if blank else []
        reasons += [f"{cells_named(marked)}填写为不适用"] if marked else []
        named = "，".join(reasons)
        yield emit(
            f"无法核对{table_name(identity.table)}{identity.where}的勾稽关系，因为{named}",
            identity.location,
            formula=identity.formula,
            cells=[cell_location(*address) for address in missing],
        )
