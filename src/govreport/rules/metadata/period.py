"""The rule ``metadata.period``: the statistics period is the report's year."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.support.narrative import excerpt
from govreport.findings import Finding, Location, Severity
from govreport.rules.metadata._calendar import chinese_date, has_year

rules = RuleSet()

_DATE = r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_PERIOD = re.compile(_DATE + r"\s*(?:至|到|—|－|-|~|～)\s*" + _DATE)


@rules.rule(
    "metadata.period",
    "error",
    "The statistics period is not in the report's year (error), is not the whole calendar year (warning), or "
    "the period the preamble states disagrees with the metadata (error); no period anywhere is an info.",
)
def period(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    meta = context.report.metadata
    year = meta.year
    if not has_year(year):
        return  # metadata.year says it
    where = Location(section="metadata", source="$.metadata.period")
    if meta.period is not None:
        start, end = meta.period.start, meta.period.end
        if start.year != year or end.year != year or start > end:
            yield emit(
                f"统计期限{chinese_date(start)}至{chinese_date(end)}不在报告年度{year}年内",
                where,
                expected=f"{year}年1月1日至{year}年12月31日",
                found=f"{chinese_date(start)}至{chinese_date(end)}",
            )
        elif (start, end) != (dt.date(year, 1, 1), dt.date(year, 12, 31)):
            yield emit(
                f"统计期限{chinese_date(start)}至{chinese_date(end)}不是完整的{year}年度",
                where,
                severity=Severity.WARNING,
                expected=f"{year}年1月1日至{year}年12月31日",
                found=f"{chinese_date(start)}至{chinese_date(end)}",
            )
    stated = False
    expected_start = meta.period.start if meta.period else dt.date(year, 1, 1)
    expected_end = meta.period.end if meta.period else dt.date(year, 12, 31)
    for passage in context.passages_in("preamble", "overview"):
        for match in _PERIOD.finditer(passage.text):
            stated = True
            try:
                start = dt.date(int(match[1]), int(match[2]), int(match[3]))
                end = dt.date(int(match[4]), int(match[5]), int(match[6]))
            except ValueError:
                yield emit(
                    f"文中所述统计期限“{match[0]}”不是有效日期",
                    passage.location(excerpt(passage.text, match.start(), match.end())),
                    found=match[0],
                )
                continue
            if (start, end) != (expected_start, expected_end):
                yield emit(
                    f"文中所述统计期限{chinese_date(start)}至{chinese_date(end)}与报告的统计期限"
                    f"{chinese_date(expected_start)}至{chinese_date(expected_end)}不一致",
                    passage.location(excerpt(passage.text, match.start(), match.end())),
                    expected=f"{chinese_date(expected_start)}至{chinese_date(expected_end)}",
                    found=f"{chinese_date(start)}至{chinese_date(end)}",
                )
    if meta.period is None and not stated:
        yield emit("报告没有说明统计期限（如“本报告所列数据的统计期限自…至…”）", where, severity=Severity.INFO)
