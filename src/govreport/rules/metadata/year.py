"""The rule ``metadata.year``: the report has a year."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.findings import Finding, Location
from govreport.rules.metadata._calendar import FIRST_YEAR, LAST_YEAR, has_year

rules = RuleSet()


@rules.rule(
    "metadata.year",
    "error",
    f"The report's year is missing (0, as an import that found no title gives) or not a year from {FIRST_YEAR} "
    f"to {LAST_YEAR}; the title, the statistics period and the deadline cannot be checked without it.",
)
def year(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    value = context.report.metadata.year
    if not has_year(value):
        yield emit(
            f"报告年度“{value}”不是有效年份（应为报告所属的年份，如2022），标题、统计期限和发布时限都无法核对",
            Location(section="metadata", source="$.metadata.year"),
            found=str(value),
        )
