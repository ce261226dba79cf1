"""The rules ``years.text.*``: text repeated from last year's report, and last year's year left in it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.support.labels import section_heading
from govreport.checks.support.narrative import NARRATIVE_SECTIONS, Passage, sentences, shorten
from govreport.findings import Finding, Location, Severity

rules = RuleSet()

#: Share of a section's text found in last year's same section above which it is "copied" (local
#: assessment rules deduct points above 50%), and the share from which it is worth an info.
REPEATED_WARNING = 0.5
REPEATED_INFO = 0.3

#: Shingle length, in characters, for finding repeated text; 8 Chinese characters is about a phrase.
SHINGLE = 8

#: A section shorter than this (characters) is too short to judge.
MIN_SECTION = 50


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
