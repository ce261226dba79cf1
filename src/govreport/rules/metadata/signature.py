"""The rules ``metadata.signature`` and ``metadata.signature.date``: signed by the body, after the period."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.findings import Finding, Location, Severity
from govreport.rules.metadata._calendar import chinese_date, has_year

rules = RuleSet()


def _same_body(a: str, b: str) -> bool:
    a, b = re.sub(r"\s+", "", a), re.sub(r"\s+", "", b)
    return a in b or b in a


@rules.rule(
    "metadata.signature",
    "warning",
    "The report has no signature (落款), or the signing authority is not the issuing body.",
)
def signature(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    report = context.report
    if report.signature is None:
        yield emit("报告没有落款（发布机关和日期）", Location(section="signature"))
        return
    authority = report.signature.authority
    if not _same_body(authority, report.metadata.issuing_body):
        yield emit(
            f"落款机关“{authority}”与发布机关“{report.metadata.issuing_body}”不一致",
            Location(section="signature", source="$.signature.authority", excerpt=authority),
            expected=report.metadata.issuing_body,
            found=authority,
        )


@rules.rule(
    "metadata.signature.date",
    "error",
    "The signature date is on or before the end of the statistics period (error), or missing (warning).",
)
def signature_date(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    report = context.report
    if report.signature is None:
        return  # metadata.signature
    date = report.signature.date
    where = Location(section="signature", source="$.signature.date")
    if date is None:
        yield emit("落款没有日期，无法核对发布时限", where, severity=Severity.WARNING)
        return
    meta = report.metadata
    if meta.period is None and not has_year(meta.year):
        return  # metadata.year says it
    end = meta.period.end if meta.period is not None else dt.date(meta.year, 12, 31)
    if date <= end:
        yield emit(
            f"落款日期{chinese_date(date)}不在统计期限结束（{chinese_date(end)}）之后",
            where,
            expected=f"{chinese_date(end)}之后",
            found=chinese_date(date),
        )
