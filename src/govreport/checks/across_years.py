"""Built-in rules that compare the report with last year's: carried-over applications, the stock of
documents in force, text repeated from last year, last year's year left behind, and jumps in key totals.

They run only when last year's report is given (``check(report, previous=...)``,
``govreport check --previous``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.labels import Address, cell_location, cell_name, cell_of, number, section_heading, total
from govreport.checks.narrative import NARRATIVE_SECTIONS, Passage, sentences, shorten
from govreport.findings import Finding, Location, Severity
from govreport.formats import Check
from govreport.hookspecs import hookimpl
from govreport.spec import ACTIVE_DISCLOSURE, APPLICATIONS, REVIEW_LITIGATION, ActiveColumn, ActiveRow, ApplicationRow

rules = RuleSet()

#: Share of a section's text found in last year's same section above which it is "copied" (local
#: assessment rules deduct points above 50%), and the share from which it is worth an info.
REPEATED_WARNING = 0.5
REPEATED_INFO = 0.3
#: Shingle length, in characters, for finding repeated text; 8 Chinese characters is about a phrase.
SHINGLE = 8
#: A section shorter than this (characters) is too short to judge.
MIN_SECTION = 50
#: A key total that grew more than this factor, or shrank below its inverse, is worth a look…
JUMP = 5
#: …unless both years' figures are below this (3 → 16 is not a trend).
JUMP_FLOOR = 10

_AD, _A, _R = ACTIVE_DISCLOSURE.key, APPLICATIONS.key, REVIEW_LITIGATION.key
_STOCK_COLUMNS = (ActiveColumn.ISSUED, ActiveColumn.REPEALED, ActiveColumn.IN_FORCE)


def _same_body(a: str, b: str) -> bool:
    a, b = re.sub(r"\s+", "", a), re.sub(r"\s+", "", b)
    return a in b or b in a


@rules.rule(
    "years.previous",
    "warning",
    "The report given as last year's is not the same body's report of the year before; the cross-year "
    "comparisons of numbers are skipped when the year is wrong.",
    example="作为上年度报告的是2021年的报告，而本报告为2023年度，跨年度比对未进行",
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


@rules.rule(
    "years.carried_over",
    "error",
    "Table 三, any column: this year's `carried_over` (二、上年结转) ≠ last year's `carried_forward` (四、结转下年度).",
    example=f"{cell_name(_A, ApplicationRow.CARRIED_OVER, 'total')}为14，但2022年度报告中该列结转下年度继续办理的为15",
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


@rules.rule(
    "years.in_force",
    "warning",
    "Table 二, for 规章 and 规范性文件: `in_force` ≠ last year's `in_force` + `issued` − `repealed` (a warning: "
    "amendments and reviews can break it).",
    example=f"{cell_name(_AD, ActiveRow.NORMATIVE_DOCUMENTS, 'in_force')}为41，"
    "但上年现行有效37 + 本年制发6 − 本年废止3 = 40",
    needs_previous=True,
)
def in_force(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    last = context.previous
    if last is None or not context.previous_is_last_year:
        return
    table = context.report.active_disclosure
    for row in (ActiveRow.REGULATIONS, ActiveRow.NORMATIVE_DOCUMENTS):
        cells = (
            last.active_disclosure[row, ActiveColumn.IN_FORCE],
            table[row, ActiveColumn.ISSUED],
            table[row, ActiveColumn.REPEALED],
            table[row, ActiveColumn.IN_FORCE],
        )
        if not all(cell.is_number for cell in cells):
            continue
        before, issued, repealed, now = (int(cell.value or 0) for cell in cells)
        expected = before + issued - repealed
        if now != expected:
            yield emit(
                f"{cell_name(_AD, row, ActiveColumn.IN_FORCE)}为{now}，但上年现行有效{before} + 本年制发{issued}"
                f" − 本年废止{repealed} = {expected}",
                cell_location(_AD, row, ActiveColumn.IN_FORCE),
                expected=expected,
                found=now,
                formula=f"「{ACTIVE_DISCLOSURE.row(row).label}」行：本年现行有效 = 上年现行有效 + 本年制发 − 本年废止",
                cells=[cell_location(_AD, row, column) for column in _STOCK_COLUMNS],
            )


def _compact(text: str) -> str:
    """Text as compared for copying: no whitespace, every digit the same (changed figures are still copied)."""
    return re.sub(r"\d", "0", re.sub(r"\s+", "", text))


def _shingles(text: str) -> set[str]:
    return {text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}


def repeated_share(this_year: str, last_year: str) -> float:
    """The share of ``this_year``'s characters that lie in a phrase (shingle) also in ``last_year``."""
    text, seen = _compact(this_year), _shingles(_compact(last_year))
    if not text:
        return 0.0
    covered = [False] * len(text)
    for i in range(len(text) - SHINGLE + 1):
        if text[i : i + SHINGLE] in seen:
            covered[i : i + SHINGLE] = [True] * SHINGLE
    return sum(covered) / len(text)


def _section_text(passages: tuple[Passage, ...], section: str) -> str:
    # Restating last year's problems before saying how they were fixed is expected, not copying.
    return "".join(
        p.text for p in passages if p.section == section and not p.path.startswith("$.remediation.previous.items")
    )


@rules.rule(
    "years.text.repeated",
    "warning",
    "A narrative section (一, 五, 六) repeats last year's text: the share of its characters in phrases also in "
    "last year's same section (digits ignored) is above 50% (warning) or at least 30% (info).",
    example=f"“{section_heading('remediation')}”与上年度报告重复的文字约占72%",
    needs_previous=True,
)
def text_repeated(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    if context.previous is None:
        return
    for section in NARRATIVE_SECTIONS:
        this_year = _section_text(context.passages, section)
        last_year = _section_text(context.previous_passages, section)
        if len(_compact(this_year)) < MIN_SECTION or not last_year:
            continue
        share = repeated_share(this_year, last_year)
        if share < REPEATED_INFO:
            continue
        severity = Severity.WARNING if share > REPEATED_WARNING else Severity.INFO
        yield emit(
            f"“{section_heading(section)}”与上年度报告重复的文字约占{share:.0%}",
            Location(section=section),
            severity=severity,
            found=f"{share:.0%}",
        )


@rules.rule(
    "years.text.stale_year",
    "warning",
    "A sentence of this year's report names last year (e.g. 2022年 in the 2023 report) and stands word for word "
    "in last year's report, where that was the current year: copied without updating the year.",
    example="此句与上年度报告相同，其中的“2022年”可能未更新为本年度",
    needs_previous=True,
)
def stale_year(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    if context.previous is None or not context.previous_is_last_year:
        return
    old_year = f"{context.report.metadata.year - 1}年"
    last_year = {
        re.sub(r"\s+", "", p.text[start:end])
        for p in context.previous_passages
        if old_year in p.text
        for start, end in sentences(p.text)
    }
    for passage in context.passages:
        if old_year not in passage.text:
            continue
        for start, end in sentences(passage.text):
            sentence = passage.text[start:end]
            if old_year in sentence and re.sub(r"\s+", "", sentence) in last_year:
                yield emit(
                    f"此句与上年度报告相同，其中的“{old_year}”可能未更新为本年度",
                    passage.location(shorten(sentence, 80)),
                    found=old_year,
                    expected=f"{context.report.metadata.year}年",
                )


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
    example="本年新收申请由上年的12变为本年的130（约10.8倍），请核实",
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


@hookimpl
def register_checks() -> list[Check]:
    return list(rules.checks)
