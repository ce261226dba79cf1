"""Comparing the figures the narrative states for one rule with the table cells they speak of."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit
from govreport.checks.support.labels import cell_location, cell_name, cells_named, number, table_name, total
from govreport.checks.support.narrative import shorten
from govreport.findings import Finding
from govreport.rules.text._claims import statements


def compare_with_tables(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    """A finding for each figure stated for ``emit``'s rule that no sum of its cells gives."""
    cells = context.cells
    for statement in statements(context, emit.rule):
        claim = statement.claim
        table_value = total(cells[address] for address in claim.cells)
        if table_value is None or statement.value == table_value:
            continue
        alternatives = [total(cells[address] for address in sums) for sums in claim.alternatives]
        if statement.value in alternatives:
            continue
        if len(claim.cells) == 1:
            named = cell_name(*claim.cells[0])
        else:
            named = f"{table_name(claim.cells[0][0])}{cells_named(claim.cells)}之和"
        single = claim.cells[0] if len(claim.cells) == 1 else None
        cell = {"table": claim.cells[0][0]}
        if single is not None:
            cell |= {"row": single[1], "column": single[2]}
        yield emit(
            f"正文称{claim.what}{statement.value}件，但{named}为{number(table_value)}",
            statement.passage.location(shorten(statement.sentence, 80), **cell),
            expected=table_value,
            found=statement.value,
            cells=[cell_location(*address) for address in claim.cells],
        )
