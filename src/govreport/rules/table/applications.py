"""The rules ``table.applications.*``: the identities of table 三 (balance, results total, row totals)."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.findings import Finding
from govreport.rules.table._balance import check_identity, identities_of
from govreport.rules.table._identities import BALANCE, RESULTS_TOTAL, ROW_TOTAL

rules = RuleSet()


@rules.rule(
    BALANCE,
    "error",
    "Table 三, in any of the 7 columns: `new_requests` + `carried_over` ≠ `results_total` + `carried_forward` "
    "(一 + 二 = 三（七） + 四, the identity printed in the table's own header).",
)
def balance(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    for identity in identities_of(BALANCE):
        yield from check_identity(identity, context, emit)


@rules.rule(
    RESULTS_TOTAL,
    "error",
    "Table 三, in any of the 7 columns: `results_total` (三（七）) ≠ the sum of the 21 result rows "
    "三（一） … 三（六）3.",
)
def results_total(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    for identity in identities_of(RESULTS_TOTAL):
        yield from check_identity(identity, context, emit)


@rules.rule(
    ROW_TOTAL,
    "error",
    "Table 三, in any of the 25 rows: `total` ≠ the sum of the six applicant columns.",
)
def row_total(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    for identity in identities_of(ROW_TOTAL):
        yield from check_identity(identity, context, emit)
