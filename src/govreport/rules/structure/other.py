"""The rules ``structure.other.*``: section 六 on the information processing fee."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.support.labels import cell_location, cell_name, section_heading
from govreport.checks.support.narrative import has_text
from govreport.findings import Finding, Location
from govreport.spec import INFORMATION_PROCESSING_FEE, ApplicationRow

rules = RuleSet()


def _mentions_fee(context: CheckContext, sections: tuple[str, ...]) -> bool:
    if context.report.other_matters.processing_fee_statement is not None:
        return True
    return any(INFORMATION_PROCESSING_FEE in p.text for p in context.passages_in(*sections))


@rules.rule(
    "structure.other.processing_fee",
    "warning",
    "Section 六 says nothing about 信息处理费 (no item on it, no mention); the fees of table 二 (row `fees`) are a "
    "different thing and are never taken for it.",
)
def processing_fee(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    if not has_text(context.passages_in("other_matters")):
        return
    if not _mentions_fee(context, ("other_matters",)):
        yield emit(
            f"“{section_heading('other_matters')}”未说明{INFORMATION_PROCESSING_FEE}的收取情况",
            Location(section="other_matters"),
        )


@rules.rule(
    "structure.other.fee_unpaid",
    "error",
    "Table 三's row `other_fee_unpaid` (applications dropped because a fee notice was not paid) is not zero, "
    "yet the report says nothing anywhere about 信息处理费.",
)
def fee_unpaid(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    table = context.report.applications
    row = ApplicationRow.OTHER_FEE_UNPAID
    nonzero = [(column, cell) for column, cell in table.to_rows()[row].items() if cell.is_number and cell.value]
    if not nonzero:
        return
    if _mentions_fee(context, tuple({p.section for p in context.passages})):
        return
    column, cell = next(((c, v) for c, v in nonzero if c == "total"), nonzero[0])
    yield emit(
        f"{cell_name('applications', row, column)}为{cell}，说明发出过收费通知，"
        f"但报告未说明{INFORMATION_PROCESSING_FEE}情况（应在“{section_heading('other_matters')}”中说明）",
        cell_location("applications", row, column),
        found=cell,
    )
