"""The rule ``years.in_force``: last year's documents in force lead to this year's."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.support.labels import cell_location, cell_name
from govreport.findings import Finding
from govreport.spec import ACTIVE_DISCLOSURE, APPLICATIONS, REVIEW_LITIGATION, ActiveColumn, ActiveRow

rules = RuleSet()

_AD, _A, _R = ACTIVE_DISCLOSURE.key, APPLICATIONS.key, REVIEW_LITIGATION.key
_STOCK_COLUMNS = (ActiveColumn.ISSUED, ActiveColumn.REPEALED, ActiveColumn.IN_FORCE)


@rules.rule(
    "years.in_force",
    "warning",
    "Table 二, for 规章 and 规范性文件: `in_force` ≠ last year's `in_force` + `issued` − `repealed` (a warning: "
    "amendments and reviews can break it).",
    needs_previous=True,
)
def in_force(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    last = context.previous
    if last is None or not context.previous_is_last_year:
        return
    table = context.report.active_disclosure
    for row in (ActiveRow.REGULATIONS, ActiveRow.NORMATIVE_DOCUMENTS):
        cells = (
            last.active_disclosure[row, ActiveColumn.IN_FORCE],
            table[row, ActiveColumn.ISSUED],
            table[row, ActiveColumn.REPEALED],
            table[row, ActiveColumn.IN_FORCE],
        )
        if not all(cell.is_number for cell in cells):
            continue
        before, issued, repealed, now = (int(cell.value or 0) for cell in cells)
        expected = before + issued - repealed
        if now != expected:
            yield emit(
                f"{cell_name(_AD, row, ActiveColumn.IN_FORCE)}为{now}，但上年现行有效{before} + 本年制发{issued}"
                f" − 本年废止{repealed} = {expected}",
                cell_location(_AD, row, ActiveColumn.IN_FORCE),
                expected=expected,
                found=now,
                formula=f"「{ACTIVE_DISCLOSURE.row(row).label}」行：本年现行有效 = 上年现行有效 + 本年制发 − 本年废止",
                cells=[cell_location(_AD, row, column) for column in _STOCK_COLUMNS],
            )
