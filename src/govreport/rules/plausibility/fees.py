"""The rule ``plausibility.fees.unit``: a fee amount that looks like 元 entered where the table asks for 万元."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.support.bodies import Level
from govreport.checks.support.fees import fee_statements
from govreport.checks.support.labels import cell_location, cell_name, number
from govreport.findings import Finding
from govreport.spec import ACTIVE_DISCLOSURE, ActiveColumn, ActiveRow

rules = RuleSet()

_AD = ACTIVE_DISCLOSURE.key

#: Fees (万元) above which a body of this level has most likely entered 元: 1亿元 for a township,
#: 10亿元 for a county, 100亿元 for anyone (a prefecture city's year is in the 10亿元 range).
FEE_LIMITS: dict[Level, Decimal] = {
    Level.TOWNSHIP: Decimal(10_000),
    Level.COUNTY: Decimal(100_000),
    Level.UNKNOWN: Decimal(1_000_000),
}


@rules.rule(
    "plausibility.fees.unit",
    "warning",
    "The fee amount of table 二 (万元) looks like 元: the narrative states the same figure in 元, or it exceeds "
    "what a body of its level collects (1亿元 for a township, 10亿元 for a county, 100亿元 for anyone).",
)
def fees_unit(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    cell = context.report.active_disclosure[ActiveRow.FEES, ActiveColumn.AMOUNT]
    if not cell.is_number or cell.value is None:
        return
    amount = Decimal(cell.value)
    where = cell_location(_AD, ActiveRow.FEES, ActiveColumn.AMOUNT)
    name = cell_name(_AD, ActiveRow.FEES, ActiveColumn.AMOUNT)
    for _passage, _sentence, stated, unit in fee_statements(context):
        if unit == "元" and stated == amount and amount:
            yield emit(
                f"{name}为{number(amount)}，正文写的是“{number(stated)}元”：疑为以元为单位填写，表中单位为万元"
                f"（应为{number(amount / 10000)}）",
                where,
                expected=number(amount / 10000),
                found=number(amount),
                cells=[where],
            )
            return
    limit = FEE_LIMITS[context.level]
    if amount > limit:
        yield emit(
            f"{name}为{number(amount)}，即{number(amount)}万元（约{amount / 10000:.0f}亿元），超出此类机关的常见规模，"
            "疑为以元为单位填写，表中单位为万元",
            where,
            expected=f"≤{number(limit)}",
            found=number(amount),
            cells=[where],
        )
