"""The rule ``years.previous``: the report given as last year's is the same body's of the year before."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.findings import Finding, Location

rules = RuleSet()


def _same_body(a: str, b: str) -> bool:
    a, b = re.sub(r"\s+", "", a), re.sub(r"\s+", "", b)
    return a in b or b in a


@rules.rule(
    "years.previous",
    "warning",
    "The report given as last year's is not the same body's report of the year before; the cross-year "
    "comparisons of numbers are skipped when the year is wrong.",
    needs_previous=True,
)
def previous_report(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    report, last = context.report, context.previous
    if last is None:
        return
    if not context.previous_is_last_year:
        yield emit(
            f"作为上年度报告的是{last.metadata.year}年的报告，而本报告为{report.metadata.year}年度，跨年度比对未进行",
            Location(section="metadata"),
            expected=report.metadata.year - 1,
            found=last.metadata.year,
        )
    if not _same_body(last.metadata.issuing_body, report.metadata.issuing_body):
        yield emit(
            f"上年度报告的发布机关“{last.metadata.issuing_body}”与本报告“{report.metadata.issuing_body}”不同",
            Location(section="metadata"),
            expected=report.metadata.issuing_body,
            found=last.metadata.issuing_body,
        )
