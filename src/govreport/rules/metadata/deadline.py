"""The rule ``metadata.deadline``: the report is published by the deadline for the body's kind."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.findings import Finding, Location, Severity
from govreport.rules.metadata._calendar import chinese_date, has_year
from govreport.spec import BODY_KIND_LABELS, BodyKind, deadline

rules = RuleSet()

# A late report of these kinds breaks 条例 art. 49; townships follow local rules (commonly the same date).
_STATUTORY = {BodyKind.GOVERNMENT_DEPARTMENT, BodyKind.PEOPLE_GOVERNMENT}


@rules.rule(
    "metadata.deadline",
    "error",
    "The signature date is after the publication deadline for the body's kind (条例 art. 49: 1月31日 for "
    "departments, 3月31日 for people's governments). Error for those two kinds; a warning for townships and "
    "other bodies, which follow local rules.",
)
def publication_deadline(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    report = context.report
    if report.signature is None or report.signature.date is None:
        return
    meta = report.metadata
    if not has_year(meta.year):
        return  # metadata.year says it
    last_day = deadline(meta.body_kind, meta.year)
    date = report.signature.date
    if date > last_day:
        severity = Severity.ERROR if meta.body_kind in _STATUTORY else Severity.WARNING
        local = "" if meta.body_kind in _STATUTORY else "（以当地规定为准）"
        yield emit(
            f"落款日期{chinese_date(date)}晚于{BODY_KIND_LABELS[meta.body_kind]}年度报告的发布时限{chinese_date(last_day)}{local}",
            Location(section="signature", source="$.signature.date"),
            severity=severity,
            expected=f"{chinese_date(last_day)}前",
            found=chinese_date(date),
        )
