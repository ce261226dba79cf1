"""Two years of one body's report side by side: every cell with its change, the carry-over of
applications, last year's problems against this year's rectifications, and repeated text.

Nothing is guessed: a change is computed only between two numbers; a blank or not-applicable cell
on either side leaves the change empty (``None``), and a carry-over that a blank keeps from being
compared is ``unknown``, never ``agree``.
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal

import attrs

from govreport.findings import Finding, Location, Severity
from govreport.many.matching import section_text, similarity
from govreport.model import Cell, Problem, Rectification, Report
from govreport.model.cells import subtract_exactly
from govreport.repetition import compact, repeated_share
from govreport.spec import APPLICATIONS, CARRY_OVER, SECTIONS

#: How alike (0 to 1, :func:`~govreport.many.matching.similarity`) a rectification and one of last
#: year's problems must be to be paired. Unrelated problems of one report share the vocabulary of
#: the field (政府信息公开…) and score up to about 0.5; a restated problem scores 0.7 and more.
MATCH_THRESHOLD = 0.6


class Agreement(enum.StrEnum):
    AGREE = "agree"
    DISAGREE = "disagree"
    UNKNOWN = "unknown"  # a blank or not-applicable cell on either side


def _change(last: Cell, this: Cell) -> int | Decimal | None:
    if last.is_number and this.is_number and last.value is not None and this.value is not None:
        return subtract_exactly(this.value, last.value)
    return None


@attrs.frozen(kw_only=True)
class CellChange:
    """One cell of a table in both years; ``change`` is this − last, or None unless both are numbers."""

    table: str
    row: str
    column: str
    last: Cell
    this: Cell
    change: int | Decimal | None

    @classmethod
    def between(cls, table: str, row: str, column: str, last: Cell, this: Cell) -> CellChange:
        return cls(table=table, row=row, column=column, last=last, this=this, change=_change(last, this))

    @property
    def changed(self) -> bool:
        """Whether both are numbers and they differ."""
        return self.change is not None and self.change != 0


@attrs.frozen(kw_only=True)
class CarryOver:
    """One column of table 三: last year's carried forward against this year's carried over."""

    column: str
    last_carried_forward: Cell
    this_carried_over: Cell
    agreement: Agreement = attrs.field(converter=Agreement)


@attrs.frozen(kw_only=True)
class ProblemMatch:
    """A problem named in last year's report and the rectification this year reports for it."""

    problem: Problem
    rectification: Rectification
    #: how alike they are, 0 to 1
    score: float


@attrs.frozen(kw_only=True)
class SectionRepetition:
    """How much of one section's text this year repeats last year's same section.

    ``share`` is None when this year's section has no text (nothing to measure); the character
    counts are of the compared text (whitespace dropped).
    """

    section: str
    share: float | None
    characters: int
    last_characters: int


@attrs.frozen(kw_only=True)
class Comparison:
    """Last year's and this year's report of one body, compared (see :func:`compare`)."""

    last: Report
    this: Report
    #: every cell of the three tables, in table and spec order
    cells: tuple[CellChange, ...]
    #: table 三, one per column
    carry_over: tuple[CarryOver, ...]
    matches: tuple[ProblemMatch, ...]
    #: last year's problems that no rectification of this year answers
    unmatched_problems: tuple[Problem, ...]
    #: this year's rectifications that answer none of last year's problems
    unmatched_rectifications: tuple[Rectification, ...]
    #: one per section, in the official order
    repetition: tuple[SectionRepetition, ...]
    #: what makes the comparison doubtful: not consecutive years, not the same body, a 五 whose
    #: problems or rectifications are not itemised
    findings: tuple[Finding, ...] = ()

    def cell(self, table: str, row: str, column: str) -> CellChange:
        for change in self.cells:
            if (change.table, change.row, change.column) == (table, row, column):
                return change
        raise KeyError(f"no cell {table}/{row}/{column}")

    def table(self, key: str) -> tuple[CellChange, ...]:
        return tuple(change for change in self.cells if change.table == key)


def _cells(last: Report, this: Report) -> tuple[CellChange, ...]:
    return tuple(
        CellChange.between(before.SPEC.key, spec.row, spec.column, old, new)
        for before, now in zip(last.tables, this.tables, strict=True)
        for (spec, old), new in zip(before.items(), now.cells, strict=True)
    )


def _carry_over(last: Report, this: Report) -> tuple[CarryOver, ...]:
    this_row, last_row = CARRY_OVER
    found = []
    for column in APPLICATIONS.columns:
        before, now = last.applications[last_row, column.key], this.applications[this_row, column.key]
        if before.is_number and now.is_number:
            agreement = Agreement.AGREE if before.value == now.value else Agreement.DISAGREE
        else:
            agreement = Agreement.UNKNOWN
        found.append(
            CarryOver(column=column.key, last_carried_forward=before, this_carried_over=now, agreement=agreement)
        )
    return tuple(found)


def _score(problem: Problem, rectification: Rectification) -> float:
    # The restated problem is the best evidence; a rectification without one is judged by its text.
    candidates = [rectification.problem, rectification.text] if rectification.problem else [rectification.text]
    return max(similarity(problem.text, text) for text in candidates)


def _match(
    problems: tuple[Problem, ...], rectifications: tuple[Rectification, ...]
) -> tuple[tuple[ProblemMatch, ...], tuple[Problem, ...], tuple[Rectification, ...]]:
    """Pairs, best first (greedy on the score; ties by position), each item used once."""
    scored = sorted(
        ((_score(problem, rect), p, r) for p, problem in enumerate(problems) for r, rect in enumerate(rectifications)),
        key=lambda entry: (-entry[0], entry[1], entry[2]),
    )
    used_problems: set[int] = set()
    used_rectifications: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for score, p, r in scored:
        if score < MATCH_THRESHOLD:
            break
        if p in used_problems or r in used_rectifications:
            continue
        used_problems.add(p)
        used_rectifications.add(r)
        pairs.append((p, r, score))
    pairs.sort()  # in last year's order
    matches = tuple(
        ProblemMatch(problem=problems[p], rectification=rectifications[r], score=round(score, 4))
        for p, r, score in pairs
    )
    return (
        matches,
        tuple(problem for p, problem in enumerate(problems) if p not in used_problems),
        tuple(rect for r, rect in enumerate(rectifications) if r not in used_rectifications),
    )


def _repetition(last: Report, this: Report) -> tuple[SectionRepetition, ...]:
    found = []
    for section in SECTIONS:
        now, before = section_text(this, section.key), section_text(last, section.key)
        share = repeated_share(now, before)
        found.append(
            SectionRepetition(
                section=section.key,
                share=None if share is None else round(share, 4),
                characters=len(compact(now)),
                last_characters=len(compact(before)),
            )
        )
    return tuple(found)


def _same_body(a: str, b: str) -> bool:
    # 洪泽区人民政府 and 淮安市洪泽区人民政府 are one body: one name may carry the city in front.
    a, b = re.sub(r"\s+", "", a), re.sub(r"\s+", "", b)
    return a in b or b in a


def _findings(last: Report, this: Report) -> tuple[Finding, ...]:
    findings = []
    if this.metadata.year != last.metadata.year + 1:
        findings.append(
            Finding(
                rule="compare.years",
                severity=Severity.WARNING,
                message=f"作为上年度报告的是{last.metadata.year}年的报告，而本报告为{this.metadata.year}年度",
                location=Location(section="metadata"),
                expected=str(this.metadata.year - 1),
                found=str(last.metadata.year),
            )
        )
    if not _same_body(last.metadata.issuing_body, this.metadata.issuing_body):
        findings.append(
            Finding(
                rule="compare.body",
                severity=Severity.WARNING,
                message=f"上年度报告的发布机关“{last.metadata.issuing_body}”与本报告“{this.metadata.issuing_body}”不同",
                location=Location(section="metadata"),
                expected=this.metadata.issuing_body,
                found=last.metadata.issuing_body,
            )
        )
    unlisted = []
    if not last.remediation.problems.items and section_text(last, "remediation"):
        unlisted.append(f"{last.metadata.year}年度报告未分条列出存在的问题")
    if not this.remediation.previous.items and section_text(this, "remediation"):
        unlisted.append(f"{this.metadata.year}年度报告未分条列出上年度问题的整改情况")
    if unlisted:
        # Nothing paired because nothing is itemised is not the same as every problem answered.
        findings.append(
            Finding(
                rule="compare.remediation.unlisted",
                severity=Severity.INFO,
                message="，".join(unlisted) + "，上年问题与本年整改无法逐条对应",
                location=Location(section="remediation"),
            )
        )
    return tuple(findings)


def compare(last: Report, this: Report) -> Comparison:
    """Compare last year's report with this year's (see :class:`Comparison`)."""
    matches, unmatched_problems, unmatched_rectifications = _match(
        last.remediation.problems.items, this.remediation.previous.items
    )
    return Comparison(
        last=last,
        this=this,
        cells=_cells(last, this),
        carry_over=_carry_over(last, this),
        matches=matches,
        unmatched_problems=unmatched_problems,
        unmatched_rectifications=unmatched_rectifications,
        repetition=_repetition(last, this),
        findings=_findings(last, this),
    )
