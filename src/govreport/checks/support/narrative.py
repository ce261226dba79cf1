"""The report's text as passages: every paragraph, heading and item with where it is.

Checks that read prose (text against tables, writing, repeated text) all walk the same list, so
a finding about text always names the section, the paragraph (counted from 1 within the section,
sub-headings and items included), the sub-heading it stands under, and a JSON path.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from govreport.findings import Location
from govreport.model import Block, Heading, Item, Paragraph, Report
from govreport.model.report import Measure, Problem, Rectification, RemediationPart
from govreport.spec import REMEDIATION_PARTS, TABLES

#: Sections whose text tells the year's work (where figures and copied text matter).
NARRATIVE_SECTIONS: tuple[str, ...] = ("overview", "remediation", "other_matters")


@attrs.frozen(kw_only=True)
class Passage:
    """One piece of the report's text and where it is."""

    section: str
    text: str
    #: JSON path of the text in the report document ("$.overview[3]")
    path: str
    #: 1-based position among the blocks of the section; None for metadata fields
    paragraph: int | None = None
    #: the sub-heading the passage stands under (（二）依申请公开), if any
    part: str | None = None
    kind: str = "paragraph"  # paragraph, heading, item, note, field

    def location(self, excerpt: str | None = None, **cell: str | None) -> Location:
        """The passage's location, quoting ``excerpt``; ``cell`` adds table/row/column keys."""
        return Location(
            section=self.section,
            paragraph=self.paragraph,
            part=self.part,
            excerpt=excerpt,
            source=self.path,
            **cell,
        )


def block_text(block: Block) -> str:
    if isinstance(block, Paragraph):
        return block.text
    return block.full_text


def _kind(block: Block) -> str:
    if isinstance(block, Heading):
        return "heading"
    if isinstance(block, Item):
        return "item"
    return "paragraph"


class _Section:
    """Numbers the passages of one section as they are added."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.count = 0
        self.part: str | None = None
        self.passages: list[Passage] = []

    def add(self, text: str, path: str, kind: str) -> None:
        self.count += 1
        if kind == "heading":
            self.part = text
        self.passages.append(
            Passage(section=self.key, text=text, path=path, paragraph=self.count, part=self.part, kind=kind)
        )

    def blocks(self, blocks: Sequence[Block], path: str) -> None:
        for i, block in enumerate(blocks):
            self.add(block_text(block), f"{path}[{i}]", _kind(block))


AnyPart = RemediationPart[Rectification] | RemediationPart[Problem] | RemediationPart[Measure]


def _remediation_part(section: _Section, name: str, part: AnyPart) -> None:
    path = f"$.remediation.{name}"
    # A part without its own sub-heading still has a name, so a finding can say which part.
    section.part = part.heading.full_text if part.heading is not None else REMEDIATION_PARTS[name]
    if part.heading is not None:
        section.add(part.heading.full_text, f"{path}.heading", "heading")
    section.blocks(part.intro, f"{path}.intro")
    items: tuple[Rectification | Problem | Measure, ...] = part.items
    for i, item in enumerate(items):
        if isinstance(item, Rectification) and item.problem:
            section.add(f"{item.number}{item.problem}", f"{path}.items[{i}].problem", "item")
        section.add(f"{item.number}{item.text}", f"{path}.items[{i}].text", "item")


def passages(report: Report) -> tuple[Passage, ...]:
    """Every piece of the report's text, in document order."""
    found: list[Passage] = []
    meta = report.metadata
    if meta.title is not None:
        found.append(Passage(section="title", text=meta.title, path="$.metadata.title", kind="field"))
    found.append(Passage(section="metadata", text=meta.issuing_body, path="$.metadata.issuing_body", kind="field"))
    if meta.published_at:
        found.append(Passage(section="metadata", text=meta.published_at, path="$.metadata.published_at", kind="field"))

    preamble = _Section("preamble")
    preamble.blocks(report.preamble, "$.preamble")
    overview = _Section("overview")
    overview.blocks(report.overview, "$.overview")
    found += preamble.passages + overview.passages
    for table, spec in zip(report.tables, TABLES, strict=True):
        notes = _Section(spec.key)
        for i, block in enumerate(table.notes):
            notes.add(block_text(block), f"$.{spec.key}.notes[{i}]", "note")
        found += notes.passages

    remediation = _Section("remediation")
    rem = report.remediation
    remediation.blocks(rem.intro, "$.remediation.intro")
    _remediation_part(remediation, "previous", rem.previous)
    _remediation_part(remediation, "problems", rem.problems)
    _remediation_part(remediation, "measures", rem.measures)
    remediation.part = None
    remediation.blocks(rem.closing, "$.remediation.closing")
    found += remediation.passages

    other = _Section("other_matters")
    other.blocks(report.other_matters.intro, "$.other_matters.intro")
    for i, item in enumerate(report.other_matters.items):
        other.add(item.full_text, f"$.other_matters.items[{i}]", "item")
    found += other.passages

    if report.signature is not None:
        found.append(
            Passage(section="signature", text=report.signature.authority, path="$.signature.authority", kind="field")
        )
    return tuple(found)


#: Where the narrative states the year's figures: the preamble, 一, and notes under the tables.
FIGURE_SECTIONS: tuple[str, ...] = ("preamble", "overview", *(table.key for table in TABLES))


def has_text(passages: Sequence[Passage]) -> bool:
    """Whether any of the passages says something (more than white space)."""
    return any(passage.text.strip() for passage in passages)


_SENTENCE_END = re.compile(r"[^。！？!?]*(?:[。！？!?]+[”’」』）)]*|$)")
# A comma between digits (1,234) separates thousands, not clauses.
# Written as a run of plain characters, then runs after each such comma: the same clauses as a
# repeat of "a plain character or a comma before a digit", which the regex engine steps through a
# character at a time (four times slower).
_CLAUSE_END = re.compile(r"[^，；。！？,;!?]*(?:,(?=\d)[^，；。！？,;!?]*)*(?:[，；。！？;!?]+|,(?!\d)|$)")


def _spans(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text, start, end) if match.end() > match.start()]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: up to and including 。！？ (and a closing quote after it)."""
    return _spans(_SENTENCE_END, text, 0, len(text))


def clauses(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each clause of ``text[start:end]``: split after ，；。！？ (not after 、)."""
    return _spans(_CLAUSE_END, text, start, len(text) if end is None else end)


def excerpt(text: str, start: int, end: int, *, context: int = 12) -> str:
    """The text from ``start`` to ``end`` with a little context, marked … where it was cut."""
    left = max(0, start - context)
    right = min(len(text), end + context)
    return ("…" if left > 0 else "") + text[left:right] + ("…" if right < len(text) else "")


def shorten(text: str, limit: int = 60) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
