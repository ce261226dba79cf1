"""Figures the narrative states, read clause by clause: the claims a text can make about the tables.

A figure is taken only from the same clause as its keyword, and only when it follows the keyword
with no other keyword between them ("被申请复议9件，其中维持6件" gives 9 for the reviews and 6 for the
upheld ones). A clause that denies the thing ("未发生…复议") states 0. Keywords that are official
labels are taken from the spec. The rules that compare these figures with the tables are in
:mod:`govreport.rules.text`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

import attrs

from govreport.checks.context import CheckContext
from govreport.checks.support.labels import Address, keyword
from govreport.checks.support.narrative import FIGURE_SECTIONS, Passage, clauses, sentences
from govreport.checks.support.numbers import first_count, normalize_digits
from govreport.spec import (
    ACTIVE_DISCLOSURE,
    APPLICATIONS,
    OUTCOME_PARTS,
    REVIEW_LITIGATION,
    ActiveColumn,
    ActiveRow,
    Applicant,
    ApplicationRow,
    Outcome,
    ReviewRow,
)

_A, _R = APPLICATIONS.key, REVIEW_LITIGATION.key
_TOTAL = Applicant.TOTAL
_REVIEW = REVIEW_LITIGATION.row(ReviewRow.ADMINISTRATIVE_REVIEW).label
_LITIGATION = REVIEW_LITIGATION.row(ReviewRow.LAWSUIT_DIRECT).groups[0]
_DIRECT = REVIEW_LITIGATION.row(ReviewRow.LAWSUIT_DIRECT).label
_AFTER_REVIEW = REVIEW_LITIGATION.row(ReviewRow.LAWSUIT_AFTER_REVIEW).label
_OUTCOMES = {outcome: REVIEW_LITIGATION.column(outcome).label for outcome in OUTCOME_PARTS}


def _result_parts() -> dict[str, tuple[ApplicationRow, ...]]:
    """The parts of the results (row group 三) by their words (予以公开, 不予公开…) with the rows they add up."""
    parts: dict[str, list[ApplicationRow]] = {}
    for row in APPLICATIONS.rows:
        if row.key == ApplicationRow.RESULTS_TOTAL or not row.groups:
            continue
        label = row.groups[1] if len(row.groups) > 1 else row.label
        parts.setdefault(keyword(label), []).append(ApplicationRow(row.key))
    return {words: tuple(rows) for words, rows in parts.items()}


_RESULT_PARTS = _result_parts()
_NEGATION = re.compile(r"(?:未|没有|无)(?:发生|收到|接到|制发|印发|出台|制定|废止|受理|被)")


@attrs.frozen(kw_only=True)
class Claim:
    """A kind of figure the narrative states, and the table cells it must agree with."""

    rule: str
    #: what the figure is, in words, for the message
    what: str
    keyword: re.Pattern[str]
    #: the cells whose sum the figure states
    cells: tuple[Address, ...]
    #: other sums the figure may also state (新收 and 结转 together, say)
    alternatives: tuple[tuple[Address, ...], ...] = ()
    #: the clause (or the segment up to ；, or the sentence, as ``context_scope`` says) must match this too
    context: re.Pattern[str] | None = None
    context_scope: str = "clause"
    #: the figure must follow the keyword within this many characters (None: anywhere in the clause)
    gap: int | None = None
    #: a clause denying the thing (未发生…, 无…) states 0
    negatable: bool = False
    #: skip the keyword when this follows it (复议 followed by 后起诉 is a lawsuit)
    not_followed_by: re.Pattern[str] | None = None


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def total_of(table: str, row: str) -> tuple[Address, ...]:
    return ((table, row, _TOTAL if table == _A else Outcome.TOTAL),)


def _claims(year: int) -> tuple[Claim, ...]:
    # The year matters for 2023年结转 / 结转2024年; built per report year (and cached).
    claims = [
        Claim(
            rule="text.applications.received",
            what="本年新收政府信息公开申请",
            keyword=_p(r"新收|收到|受理|接收|接到"),
            context=_p("申请"),
            cells=total_of(_A, ApplicationRow.NEW_REQUESTS),
            alternatives=(total_of(_A, ApplicationRow.NEW_REQUESTS) + total_of(_A, ApplicationRow.CARRIED_OVER),),
            negatable=True,
        ),
        Claim(
            rule="text.applications.carried_over",
            what="上年结转的申请",
            keyword=_p(rf"上一?年度?结转|上年度?遗留|{year - 1}年度?结转"),
            cells=total_of(_A, ApplicationRow.CARRIED_OVER),
            negatable=True,
        ),
        Claim(
            rule="text.applications.carried_forward",
            what="结转下年度继续办理的申请",
            keyword=_p(rf"结转(?:至|到)?下一?年|转入下一?年|结转(?:至|到)?{year + 1}年"),
            cells=total_of(_A, ApplicationRow.CARRIED_FORWARD),
            negatable=True,
        ),
        Claim(
            rule="text.applications.handled",
            what="本年办结的申请",
            keyword=_p(r"办结(?!率)"),
            context=_p("申请|" + "|".join(_RESULT_PARTS)),
            context_scope="sentence",
            cells=total_of(_A, ApplicationRow.RESULTS_TOTAL),
        ),
    ]
    claims += [
        Claim(
            rule="text.applications.results",
            what=f"办理结果“{words}”",
            keyword=_p(re.escape(words)),
            cells=tuple((_A, row, _TOTAL) for row in rows),
            gap=0,
        )
        for words, rows in _RESULT_PARTS.items()
    ]
    claims += [
        Claim(
            rule="text.review_litigation.reviews",
            what=f"{_REVIEW}",
            keyword=_p(re.escape(_REVIEW)),
            cells=total_of(_R, ReviewRow.ADMINISTRATIVE_REVIEW),
            negatable=True,
            not_followed_by=_p("后"),
        ),
    ]
    # The outcomes of a review, in a clause about reviews only (a lawsuit's outcomes are ambiguous).
    claims += [
        Claim(
            rule="text.review_litigation.reviews",
            what=f"{_REVIEW}{label}",
            keyword=_p(re.escape(label)),
            context=_p(rf"^(?!.*(?:{_LITIGATION}|起诉)).*{_REVIEW}"),
            context_scope="segment",
            cells=((_R, ReviewRow.ADMINISTRATIVE_REVIEW, outcome),),
            gap=0,
        )
        for outcome, label in _OUTCOMES.items()
    ]
    claims += [
        Claim(
            rule="text.review_litigation.lawsuits",
            what=_LITIGATION,
            keyword=_p(re.escape(_LITIGATION)),
            cells=total_of(_R, ReviewRow.LAWSUIT_DIRECT) + total_of(_R, ReviewRow.LAWSUIT_AFTER_REVIEW),
            negatable=True,
        ),
        Claim(
            rule="text.review_litigation.lawsuits",
            what=_DIRECT,
            keyword=_p(re.escape(_DIRECT)),
            cells=total_of(_R, ReviewRow.LAWSUIT_DIRECT),
            gap=0,
        ),
        Claim(
            rule="text.review_litigation.lawsuits",
            what=_AFTER_REVIEW,
            # Not after 未经, written as a look back from the end: a pattern that starts with its
            # words is found by a fast scan for them, one that starts with a look back is not.
            keyword=_p(rf"{re.escape(_AFTER_REVIEW)}(?<!未经{re.escape(_AFTER_REVIEW)})"),
            cells=total_of(_R, ReviewRow.LAWSUIT_AFTER_REVIEW),
            gap=0,
        ),
    ]
    documents = (
        (ActiveRow.NORMATIVE_DOCUMENTS, "规范性文件", r"^(?=.*规范性文件)"),
        (ActiveRow.REGULATIONS, ACTIVE_DISCLOSURE.row(ActiveRow.REGULATIONS).label, r"^(?!.*规范性文件)(?=.*规章)"),
    )
    verbs = (
        (ActiveColumn.ISSUED, "制发", r"制发|印发|出台|制定|发布"),
        (ActiveColumn.REPEALED, "废止", r"废止|宣布失效"),
        (ActiveColumn.IN_FORCE, "现行有效", r"现行有效"),
    )
    claims += [
        Claim(
            rule="text.active_disclosure.documents",
            what=f"{verb}{name}",
            keyword=_p(pattern),
            context=_p(context),
            cells=((ACTIVE_DISCLOSURE.key, row, column),),
            negatable=True,
        )
        for row, name, context in documents
        for column, verb, pattern in verbs
    ]
    claims += [
        Claim(
            rule="text.active_disclosure.decisions",
            what=f"{ACTIVE_DISCLOSURE.row(row).label}决定",
            keyword=_p(re.escape(ACTIVE_DISCLOSURE.row(row).label) + r"(?:决定|事项|案件)?"),
            cells=((ACTIVE_DISCLOSURE.key, row, ActiveColumn.DECISIONS),),
            gap=0,
        )
        for row in (ActiveRow.LICENSING, ActiveRow.PENALTY, ActiveRow.ENFORCEMENT)
    ]
    return tuple(claims)


_CACHE: dict[int, tuple[Claim, ...]] = {}


def claims_for(year: int) -> tuple[Claim, ...]:
    if year not in _CACHE:
        _CACHE[year] = _claims(year)
    return _CACHE[year]


# Keyed by the tuple's identity, the tuple kept beside what is made of it (an id is reused once
# its object is gone): the claims of a year are made once and kept.
_KEYWORDS: dict[int, tuple[tuple[Claim, ...], re.Pattern[str]]] = {}


def _all_keywords(claims: tuple[Claim, ...]) -> re.Pattern[str]:
    """Any keyword of any claim: a clause without one states nothing; between a keyword and its
    figure, another keyword means the figure is the other's."""
    found = _KEYWORDS.get(id(claims))
    if found is None or found[0] is not claims:
        # One flat alternation, not a group a claim: the same matches (each pattern is an
        # alternation already), and Python's regex engine then skips ahead to the characters
        # that can start one, which it does not do through groups (eight times faster).
        found = _KEYWORDS[id(claims)] = (claims, re.compile("|".join(claim.keyword.pattern for claim in claims)))
    return found[1]


_PLAIN_START = re.compile(r"[^\\()\[\].^$*+?{}|]")


def first_characters(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can begin with, read from its source when every
    top-level branch begins with a plain character that is not optional; None when one does not
    (a class, a group, an escape, a look-around, an optional first character)."""
    branches: list[str] = []
    depth, start, i = 0, 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            return None  # a class anywhere: no need to read one, no keyword has one
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    branches.append(pattern[start:])
    found: set[str] = set()
    for branch in branches:
        if not branch or not _PLAIN_START.match(branch) or branch[1:2] in ("?", "*", "{"):
            return None
        found.add(branch[0])
    return frozenset(found)


@attrs.frozen(kw_only=True)
class _KeywordIndex:
    """The claims by the characters their keywords begin with, and the claims that could begin anywhere."""

    by_first: dict[str, tuple[int, ...]]
    anywhere: tuple[int, ...]


_INDEXES: dict[int, tuple[tuple[Claim, ...], _KeywordIndex]] = {}


def _keyword_index(claims: tuple[Claim, ...]) -> _KeywordIndex:
    found = _INDEXES.get(id(claims))
    if found is None or found[0] is not claims:
        by_first: dict[str, list[int]] = {}
        anywhere: list[int] = []
        for number, claim in enumerate(claims):
            first = first_characters(claim.keyword.pattern)
            if first is None:
                anywhere.append(number)
                continue
            for char in first:
                by_first.setdefault(char, []).append(number)
        index = _KeywordIndex(
            by_first={char: tuple(numbers) for char, numbers in by_first.items()}, anywhere=tuple(anywhere)
        )
        found = _INDEXES[id(claims)] = (claims, index)
    return found[1]


def keyword_positions(text: str, claims: tuple[Claim, ...]) -> list[tuple[int, int]]:
    """(position, claim number) for every position of ``text`` where a claim's keyword begins, in
    order of position, then of claim: one keyword may begin inside another."""
    keywords = _all_keywords(claims)
    index = _keyword_index(claims)
    found: list[tuple[int, int]] = []
    at = 0
    # The flat alternation stops at each position where any keyword matches; only the claims
    # whose keyword can begin with the character there are tried at it.
    while (match := keywords.search(text, at)) is not None:
        position = match.start()
        candidates = index.by_first.get(text[position], ())
        if index.anywhere:
            candidates = tuple(sorted((*candidates, *index.anywhere)))
        for number in candidates:
            if claims[number].keyword.match(text, position):
                found.append((position, number))
        at = position + 1
    return found


@attrs.frozen(kw_only=True)
class Statement:
    """A figure the narrative states for a claim: where, and the value."""

    claim: Claim
    passage: Passage
    sentence: str
    value: int


def statements(context: CheckContext, rule: str) -> list[Statement]:
    """The figures the narrative states for the claims of one rule."""
    every = context.memo("text.statements", lambda: list(_statements(context)))
    return [statement for statement in every if statement.claim.rule == rule]


def _statements(context: CheckContext) -> Iterator[Statement]:
    """The figures the narrative states, for every claim (read once per run, shared by the rules)."""
    claims = claims_for(context.report.metadata.year)
    keywords = _all_keywords(claims)
    for passage in context.passages_in(*FIGURE_SECTIONS):
        text = normalize_digits(passage.text)
        # Where each claim's keyword begins, found once for the passage. A keyword holds no
        # punctuation, so one that begins in a clause ends in it, and no lookahead of a keyword sees
        # past its clause's end (the clause ends in punctuation, or where the text does): a clause
        # holds a claim's keyword exactly when one of these positions lies in it. (A test holds
        # every claim's keyword to that: tests/test_writing_patterns.py.)
        found = keyword_positions(text, claims)
        if not found:
            continue
        positions = [position for position, _number in found]
        for s_start, s_end in sentences(text):
            first = bisect.bisect_left(positions, s_start)
            if first == len(positions) or positions[first] >= s_end:
                continue  # half the sentences hold no keyword: none of their clauses is looked at
            sentence = text[s_start:s_end]
            scopes = _Scopes(text, s_start, s_end)
            for c_start, c_end in clauses(text, s_start, s_end):
                low = bisect.bisect_left(positions, c_start, first)
                high = bisect.bisect_left(positions, c_end, low)
                if low == high:
                    continue
                # The claims in their order, each once (a keyword may occur twice in a clause).
                for number in sorted({number for _position, number in found[low:high]}):
                    claim = claims[number]
                    wanted = claim.context
                    if wanted is not None and not scopes.match(wanted, claim.context_scope, c_start, c_end):
                        continue
                    value = _value(claim, text, c_start, c_end, keywords)
                    if value is not None:
                        yield Statement(claim=claim, passage=passage, sentence=sentence.strip(), value=value)


class _Scopes:
    """Whether a claim's context pattern matches the clause, the segment between semicolons or the
    sentence a clause stands in; each (pattern, span) is searched once, so that the clauses of one
    long sentence do not search the whole sentence again each (quadratic on a 1 MB paragraph)."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start, self.end = start, end
        self.semicolons: list[int] | None = None
        self.found: dict[tuple[str, int, int], bool] = {}

    def match(self, pattern: re.Pattern[str], scope: str, c_start: int, c_end: int) -> bool:
        if scope == "clause":
            span = (c_start, c_end)
        elif scope == "segment":
            span = self._segment(c_start)
        else:
            span = (self.start, self.end)
        key = (pattern.pattern, *span)
        if key not in self.found:
            self.found[key] = pattern.search(self.text[span[0] : span[1]]) is not None
        return self.found[key]

    def _segment(self, at: int) -> tuple[int, int]:
        """The part of the sentence between semicolons that holds position ``at`` (with its ；)."""
        if self.semicolons is None:
            self.semicolons = [i for i in range(self.start, self.end) if self.text[i] == "；"]
        index = bisect.bisect_left(self.semicolons, at)
        left = self.semicolons[index - 1] + 1 if index > 0 else self.start
        right = self.semicolons[index] + 1 if index < len(self.semicolons) else self.end
        return left, right


def _value(claim: Claim, text: str, start: int, end: int, stops: re.Pattern[str]) -> int | None:
    """The figure the clause ``text[start:end]`` states for the claim (its first keyword), or None."""
    for match in claim.keyword.finditer(text, start, end):
        if claim.not_followed_by is not None and claim.not_followed_by.match(text, match.end()):
            continue
        count = first_count(text, match.end(), end, normalized=True)
        if count is not None:
            value, c_start, _c_end = count
            between = text[match.end() : c_start]
            if (claim.gap is None or len(between) <= claim.gap) and not stops.search(between):
                return value
        if claim.negatable and count is None:
            before = text[start : match.start()]
            if _NEGATION.search(before) or before.endswith(("未", "没有", "无")):
                return 0
        return None  # only the first mention of the keyword in a clause
    return None
