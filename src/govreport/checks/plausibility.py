"""Built-in rules for figures that are possible arithmetic but unlikely in fact: 规章 from a body that
cannot make 规章, and a fee amount that looks like 元 entered where the table asks for 万元."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from govreport.checks.bodies import Level
from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.labels import cell_location, cell_name, number
from govreport.checks.text_claims import fee_statements
from govreport.findings import Finding
from govreport.formats import Check
from govreport.hookspecs import hookimpl
from govreport.spec import ACTIVE_DISCLOSURE, ActiveColumn, ActiveRow

rules = RuleSet()

_AD = ACTIVE_DISCLOSURE.key
_REGULATIONS = ACTIVE_DISCLOSURE.row(ActiveRow.REGULATIONS).label
_FEES = ACTIVE_DISCLOSURE.row(ActiveRow.FEES).label
_LEVEL_NAMES = {Level.TOWNSHIP: "乡镇（街道）", Level.COUNTY: "县级"}

#: Fees (万元) above which a body of this level has most likely entered 元: 1亿元 for a township,
#: 10亿元 for a county, 100亿元 for anyone (a prefecture city's year is in the 10亿元 range).
FEE_LIMITS: dict[Level, Decimal] = {
    Level.TOWNSHIP: Decimal(10_000),
    Level.COUNTY: Decimal(100_000),
    Level.UNKNOWN: Decimal(1_000_000),
}


@rules.rule(
    "plausibility.regulations.level",
    "warning",
    "Table 二 reports 规章 (issued, repealed or in force above 0) for a county-level or township body (by kind, or "
    "by 县/区/旗/乡/镇/街道 in its name): only provincial and 设区的市 governments make 规章.",
    example=f"{cell_name(_AD, ActiveRow.REGULATIONS, ActiveColumn.ISSUED)}为1，"
    f"但{_REGULATIONS}只能由省、自治区、直辖市和设区的市、自治州人民政府制定，县级机关“某某区人民政府”报告的{_REGULATIONS}数量应为0（是否应填在规范性文件一行？）",
)
def regulations_level(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    level = context.level
    if level not in _LEVEL_NAMES:
        return
    table = context.report.active_disclosure
    for column in (ActiveColumn.ISSUED, ActiveColumn.REPEALED, ActiveColumn.IN_FORCE):
        cell = table[ActiveRow.REGULATIONS, column]
        if cell.is_number and cell.value:
            yield emit(
                f"{cell_name(_AD, ActiveRow.REGULATIONS, column)}为{cell}，但{_REGULATIONS}只能由省、自治区、直辖市和"
                f"设区的市、自治州人民政府制定，{_LEVEL_NAMES[level]}机关“{context.report.metadata.issuing_body}”"
                f"报告的{_REGULATIONS}数量应为0（是否应填在规范性文件一行？）",
                cell_location(_AD, ActiveRow.REGULATIONS, column),
                expected=0,
                found=cell,
            )


@rules.rule(
    "plausibility.fees.unit",
    "warning",
    "The fee amount of table 二 (万元) looks like 元: the narrative states the same figure in 元, or it exceeds "
    "what a body of its level collects (1亿元 for a township, 10亿元 for a county, 100亿元 for anyone).",
    example=f"{cell_name(_AD, ActiveRow.FEES, ActiveColumn.AMOUNT)}为38624175，即38624175万元（约3862亿元），"
    "超出此类机关的常见规模，疑为以元为单位填写，表中单位为万元",
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


@hookimpl
def register_checks() -> list[Check]:
    return list(rules.checks)
