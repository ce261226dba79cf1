"""The rule ``years.jump``: a key total that jumped or fell by a large factor."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.support.labels import Address, cell_location, cell_of, number, total
from govreport.findings import Finding
from govreport.spec import ACTIVE_DISCLOSURE, APPLICATIONS, REVIEW_LITIGATION, ActiveColumn, ActiveRow, ApplicationRow

rules = RuleSet()

#: A key total that grew more than this factor, or shrank below its inverse, is worth a look…
JUMP = 5

#: …unless both years' figures are below this (3 → 16 is not a trend).
JUMP_FLOOR = 10
_AD, _A, _R = ACTIVE_DISCLOSURE.key, APPLICATIONS.key, REVIEW_LITIGATION.key

#: Key totals compared across years: (what, cells summed).
KEY_TOTALS: tuple[tuple[str, tuple[Address, ...]], ...] = (
    ("本年新收申请", ((_A, ApplicationRow.NEW_REQUESTS, "total"),)),
    ("办理结果总计", ((_A, ApplicationRow.RESULTS_TOTAL, "total"),)),
    (REVIEW_LITIGATION.row("administrative_review").label, ((_R, "administrative_review", "total"),)),
    (
        REVIEW_LITIGATION.row("lawsuit_direct").groups[0],
        ((_R, "lawsuit_direct", "total"), (_R, "lawsuit_after_review", "total")),
    ),
    ("制发规范性文件", ((_AD, ActiveRow.NORMATIVE_DOCUMENTS, ActiveColumn.ISSUED),)),
    (ACTIVE_DISCLOSURE.row(ActiveRow.LICENSING).label, ((_AD, ActiveRow.LICENSING, ActiveColumn.DECISIONS),)),
    (ACTIVE_DISCLOSURE.row(ActiveRow.PENALTY).label, ((_AD, ActiveRow.PENALTY, ActiveColumn.DECISIONS),)),
    (ACTIVE_DISCLOSURE.row(ActiveRow.ENFORCEMENT).label, ((_AD, ActiveRow.ENFORCEMENT, ActiveColumn.DECISIONS),)),
    (ACTIVE_DISCLOSURE.row(ActiveRow.FEES).label, ((_AD, ActiveRow.FEES, ActiveColumn.AMOUNT),)),
)


@rules.rule(
    "years.jump",
    "warning",
    "A key total (applications received and handled, reviews, lawsuits, 规范性文件 issued, licensing, penalty "
    "and enforcement decisions, fees) is more than 5× or less than 0.2× last year's (figures under 10 both "
    "years are left alone).",
    needs_previous=True,
)
def jump(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    last = context.previous
    if last is None or not context.previous_is_last_year:
        return
    for what, addresses in KEY_TOTALS:
        now = total(cell_of(context.report, address) for address in addresses)
        before = total(cell_of(last, address) for address in addresses)
        if now is None or before is None or max(now, before) < JUMP_FLOOR:
            continue
        if before == 0:
            ratio_text = "由0增加"
        else:
            ratio = Decimal(now) / Decimal(before)
            if Decimal(1) / JUMP <= ratio <= JUMP:
                continue
            ratio_text = f"约{ratio:.1f}倍"
        table, row, column = addresses[0]
        yield emit(
            f"{what}由上年的{number(before)}变为本年的{number(now)}（{ratio_text}），请核实",
            cell_location(table, row, column if len(addresses) == 1 else None),
            expected=f"{number(before)}的0.2至5倍",
            found=number(now),
            cells=[cell_location(*address) for address in addresses],
        )
