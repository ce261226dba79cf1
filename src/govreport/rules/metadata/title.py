"""The rule ``metadata.title``: the published title agrees with the metadata."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.findings import Finding, Location, Severity
from govreport.rules.metadata._calendar import has_year
from govreport.spec.format2021 import REPORT_TITLE_SUFFIX

rules = RuleSet()

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")


@rules.rule(
    "metadata.title",
    "error",
    "The published title does not agree with the metadata: it names another year (error), or lacks the issuing "
    "body or the words 政府信息公开工作年度报告 (warning).",
)
def title(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    meta = context.report.metadata
    if meta.title is None:
        return  # the canonical title is built from the body and the year
    where = Location(section="title", source="$.metadata.title", excerpt=meta.title)
    if not has_year(meta.year):
        return  # metadata.year says it
    years = {int(year) for year in _YEAR.findall(meta.title)}
    if years and meta.year not in years:
        yield emit(
            f"标题“{meta.title}”的年份与报告年度{meta.year}年不一致",
            where,
            expected=f"{meta.year}年",
            found="、".join(f"{year}年" for year in sorted(years)),
        )
    elif not years:
        yield emit(f"标题“{meta.title}”没有写明报告年度{meta.year}年", where, severity=Severity.WARNING)
    compact = re.sub(r"\s+", "", meta.title)
    if re.sub(r"\s+", "", meta.issuing_body) not in compact:
        yield emit(
            f"标题“{meta.title}”中没有发布机关名称“{meta.issuing_body}”",
            where,
            severity=Severity.WARNING,
            expected=meta.issuing_body,
        )
    if REPORT_TITLE_SUFFIX not in compact:
        yield emit(f"标题“{meta.title}”不是规范的“……年{REPORT_TITLE_SUFFIX}”", where, severity=Severity.WARNING)
