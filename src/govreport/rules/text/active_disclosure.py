"""The rules ``text.active_disclosure.*``: document, decision and fee figures the narrative states, against table 二."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.support.fees import fee_statements
from govreport.checks.support.labels import cell_name, number
from govreport.checks.support.narrative import shorten
from govreport.findings import Finding
from govreport.rules.text._compare import compare_with_tables
from govreport.spec import ACTIVE_DISCLOSURE, ActiveColumn, ActiveRow

_FEE = ACTIVE_DISCLOSURE.row(ActiveRow.FEES).label
rules = RuleSet()


@rules.rule(
    "text.active_disclosure.documents",
    "warning",
    "The narrative's number of 规范性文件 (or 规章) issued, repealed or in force differs from table 二; 未制发 "
    "states 0.",
)
def documents(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    return compare_with_tables(context, emit)


@rules.rule(
    "text.active_disclosure.decisions",
    "warning",
    "The narrative's number of licensing, penalty or enforcement decisions differs from table 二.",
)
def decisions(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    return compare_with_tables(context, emit)


@rules.rule(
    "text.active_disclosure.fees",
    "warning",
    "The fee amount the narrative states (in 万元 or 元) differs from table 二 `fees` × `amount` (万元).",
)
def fees(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    cell = context.report.active_disclosure[ActiveRow.FEES, ActiveColumn.AMOUNT]
    if not cell.is_number or cell.value is None:
        return
    table_value = Decimal(cell.value)
    for passage, sentence, amount, unit in fee_statements(context):
        in_wan = amount if unit == "万元" else amount / 10000
        if in_wan != table_value:
            yield emit(
                f"正文称{_FEE}{number(amount)}{unit}，但"
                f"{cell_name(ACTIVE_DISCLOSURE.key, ActiveRow.FEES, ActiveColumn.AMOUNT)}为{number(table_value)}万元",
                passage.location(
                    shorten(sentence, 80),
                    table=ACTIVE_DISCLOSURE.key,
                    row=ActiveRow.FEES,
                    column=ActiveColumn.AMOUNT,
                ),
                expected=f"{number(table_value)}万元",
                found=f"{number(amount)}{unit}",
            )
