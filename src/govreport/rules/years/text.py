"""The rules ``years.text.*``: text repeated from last year's report, and last year's year left in it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.support.labels import section_heading
from govreport.checks.support.narrative import NARRATIVE_SECTIONS, Passage, sentences, shorten
from govreport.findings import Finding, Location, Severity
from govreport.repetition import compact, repeated_share

rules = RuleSet()

#: Share of a section's text found in last year's same section above which it is "copied" (local
#: assessment rules deduct points above 50%), and the share from which it is worth an info.
REPEATED_WARNING = 0.5
REPEATED_INFO = 0.3

#: A section shorter than this (characters) is too short to judge.
MIN_SECTION = 50


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
    needs_previous=True,
)
def text_repeated(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    if context.previous is None:
        return
    for section in NARRATIVE_SECTIONS:
        this_year = _section_text(context.passages, section)
        last_year = _section_text(context.previous_passages, section)
        if len(compact(this_year)) < MIN_SECTION or not last_year:
            continue
        share = repeated_share(this_year, last_year)
        if share is None or share < REPEATED_INFO:
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
