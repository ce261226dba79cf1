"""The rule ``years.carried_over``: what last year carried forward is what this year carried over."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.support.labels import cell_location, cell_name
from govreport.findings import Finding
from govreport.spec import ACTIVE_DISCLOSURE, APPLICATIONS, REVIEW_LITIGATION, ApplicationRow

rules = RuleSet()

_AD, _A, _R = ACTIVE_DISCLOSURE.key, APPLICATIONS.key, REVIEW_LITIGATION.key


@rules.rule(
    "years.carried_over",
    "error",
    "Table 三, any column: this year's `carried_over` (二、上年结转) ≠ last year's `carried_forward` (四、结转下年度).",
    needs_previous=True,
)
def carried_over(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    last = context.previous
    if last is None or not context.previous_is_last_year:
        return
    for column in APPLICATIONS.columns:
        this_year = context.report.applications[ApplicationRow.CARRIED_OVER, column.key]
        last_year = last.applications[ApplicationRow.CARRIED_FORWARD, column.key]
        if not (this_year.is_number and last_year.is_number) or this_year.value == last_year.value:
            continue
        yield emit(
            f"{cell_name(_A, ApplicationRow.CARRIED_OVER, column.key)}为{this_year}，"
            f"但{last.metadata.year}年度报告中该列结转下年度继续办理的为{last_year}",
            cell_location(_A, ApplicationRow.CARRIED_OVER, column.key),
            expected=last_year,
            found=this_year,
            formula=f"「{column.label}」列：本年二 = 上年四",
            cells=[cell_location(_A, ApplicationRow.CARRIED_OVER, column.key)],
        )
