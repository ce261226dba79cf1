"""Built-in rules about the report's metadata: title, year, statistics period, body and signature agree;
the signature date falls after the period and within the deadline for the body's kind."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from govreport.checks.bodies import name_suggests_kind
from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.narrative import excerpt
from govreport.findings import Finding, Location, Severity
from govreport.formats import Check
from govreport.hookspecs import hookimpl
from govreport.spec import BODY_KIND_LABELS, BodyKind, deadline
from govreport.spec.format2021 import REPORT_TITLE_SUFFIX

rules = RuleSet()

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_DATE = r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_PERIOD = re.compile(_DATE + r"\s*(?:至|到|—|－|-|~|～)\s*" + _DATE)
# A late report of these kinds breaks 条例 art. 49; townships follow local rules (commonly the same date).
_STATUTORY = {BodyKind.GOVERNMENT_DEPARTMENT, BodyKind.PEOPLE_GOVERNMENT}


def _chinese(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


#: The years a report can be of. Outside them (0 is what an importer gives when it found no year)
#: there is no calendar year to compare periods and deadlines with, and the rules that need one stop.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def has_year(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


@rules.rule(
    "metadata.year",
    "error",
    f"The report's year is missing (0, as an import that found no title gives) or not a year from {FIRST_YEAR} "
    f"to {LAST_YEAR}; the title, the statistics period and the deadline cannot be checked without it.",
    example="报告年度“0”不是有效年份（应为报告所属的年份，如2022），标题、统计期限和发布时限都无法核对",
)
def year(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    value = context.report.metadata.year
    if not has_year(value):
        yield emit(
            f"报告年度“{value}”不是有效年份（应为报告所属的年份，如2022），标题、统计期限和发布时限都无法核对",
            Location(section="metadata", source="$.metadata.year"),
            found=str(value),
        )


@rules.rule(
    "metadata.title",
    "error",
    "The published title does not agree with the metadata: it names another year (error), or lacks the issuing "
    "body or the words 政府信息公开工作年度报告 (warning).",
    example="标题“某某局2021年政府信息公开工作年度报告”的年份与报告年度2022年不一致",
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


@rules.rule(
    "metadata.period",
    "error",
    "The statistics period is not in the report's year (error), is not the whole calendar year (warning), or "
    "the period the preamble states disagrees with the metadata (error); no period anywhere is an info.",
    example="文中所述统计期限2021年1月1日至2021年12月31日与报告的统计期限2022年1月1日至2022年12月31日不一致",
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
                f"统计期限{_chinese(start)}至{_chinese(end)}不在报告年度{year}年内",
                where,
                expected=f"{year}年1月1日至{year}年12月31日",
                found=f"{_chinese(start)}至{_chinese(end)}",
            )
        elif (start, end) != (dt.date(year, 1, 1), dt.date(year, 12, 31)):
            yield emit(
                f"统计期限{_chinese(start)}至{_chinese(end)}不是完整的{year}年度",
                where,
                severity=Severity.WARNING,
                expected=f"{year}年1月1日至{year}年12月31日",
                found=f"{_chinese(start)}至{_chinese(end)}",
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
                    f"文中所述统计期限{_chinese(start)}至{_chinese(end)}与报告的统计期限"
                    f"{_chinese(expected_start)}至{_chinese(expected_end)}不一致",
                    passage.location(excerpt(passage.text, match.start(), match.end())),
                    expected=f"{_chinese(expected_start)}至{_chinese(expected_end)}",
                    found=f"{_chinese(start)}至{_chinese(end)}",
                )
    if meta.period is None and not stated:
        yield emit("报告没有说明统计期限（如“本报告所列数据的统计期限自…至…”）", where, severity=Severity.INFO)


@rules.rule(
    "metadata.body_kind",
    "warning",
    "The body's name plainly says another kind than the metadata (a 街道/乡/镇 body not of kind township, a "
    "…人民政府 filed as a government department); the deadline and other rules depend on the kind.",
    example="发布机关“某某区人民政府”的名称表明其为人民政府，但报告的机关类型为县级以上人民政府部门",
)
def body_kind(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    meta = context.report.metadata
    suggested = name_suggests_kind(meta.issuing_body)
    if suggested is None or suggested is meta.body_kind:
        return
    if suggested is BodyKind.PEOPLE_GOVERNMENT and meta.body_kind is not BodyKind.GOVERNMENT_DEPARTMENT:
        return  # only a department filed as a government is a clear contradiction
    yield emit(
        f"发布机关“{meta.issuing_body}”的名称表明其为{BODY_KIND_LABELS[suggested]}，"
        f"但报告的机关类型为{BODY_KIND_LABELS[meta.body_kind]}",
        Location(section="metadata", source="$.metadata.body_kind"),
        expected=suggested.value,
        found=meta.body_kind.value,
    )


def _same_body(a: str, b: str) -> bool:
    a, b = re.sub(r"\s+", "", a), re.sub(r"\s+", "", b)
    return a in b or b in a


@rules.rule(
    "metadata.signature",
    "warning",
    "The report has no signature (落款), or the signing authority is not the issuing body.",
    example="落款机关“某某局”与发布机关“某某区人民政府”不一致",
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
    example="落款日期2022年12月20日不在统计期限结束（2022年12月31日）之后",
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
            f"落款日期{_chinese(date)}不在统计期限结束（{_chinese(end)}）之后",
            where,
            expected=f"{_chinese(end)}之后",
            found=_chinese(date),
        )


@rules.rule(
    "metadata.deadline",
    "error",
    "The signature date is after the publication deadline for the body's kind (条例 art. 49: 1月31日 for "
    "departments, 3月31日 for people's governments). Error for those two kinds; a warning for townships and "
    "other bodies, which follow local rules.",
    example="落款日期2024年4月2日晚于人民政府年度报告的发布时限2024年3月31日",
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
            f"落款日期{_chinese(date)}晚于{BODY_KIND_LABELS[meta.body_kind]}年度报告的发布时限{_chinese(last_day)}{local}",
            Location(section="signature", source="$.signature.date"),
            severity=severity,
            expected=f"{_chinese(last_day)}前",
            found=_chinese(date),
        )


@hookimpl
def register_checks() -> list[Check]:
    return list(rules.checks)
