"""Text across reports: how close two problems are, and a section's text as a comparison of two
years measures its repetition (with :mod:`govreport.repetition`, the measure of the
``years.text.repeated`` check, so that a comparison and a check never disagree on the same pair).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from govreport.model import Block, Paragraph, Report
from govreport.spec import SECTIONS

# What two wordings of one problem differ in without meaning anything: punctuation, numbering.
_NOISE = re.compile(r"[\s\W_]+|^[一二三四五六七八九十]+是")


def _block_text(block: Block) -> str:
    return block.text if isinstance(block, Paragraph) else block.full_text


def _blocks(blocks: tuple[Block, ...]) -> Iterator[str]:
    return (_block_text(block) for block in blocks)


def _section_pieces(report: Report, key: str) -> Iterator[str]:
    if key == "overview":
        yield from _blocks(report.overview)
    elif key == "remediation":
        rem = report.remediation
        yield from _blocks(rem.intro)
        # Restating last year's problems before saying how they were fixed is expected, not copying:
        # the rectifications (previous) are left out, as the check leaves them out.
        for part in (rem.problems, rem.measures):
            if part.heading is not None:
                yield part.heading.full_text
            yield from _blocks(part.intro)
            yield from (f"{item.number}{item.text}" for item in part.items)
        yield from _blocks(rem.closing)
    elif key == "other_matters":
        yield from _blocks(report.other_matters.intro)
        yield from (item.full_text for item in report.other_matters.items)
    else:  # a table's section: the notes under the table
        table = {table.SPEC.key: table for table in report.tables}[key]
        yield from _blocks(table.notes)


def section_text(report: Report, key: str) -> str:
    """The text of one of the six sections (for 二–四, the notes under the table), in document order."""
    if key not in {section.key for section in SECTIONS}:
        raise KeyError(f"no section {key!r}")
    return "".join(_section_pieces(report, key))


def _normal(text: str) -> str:
    return _NOISE.sub("", text)


def similarity(a: str, b: str) -> float:
    """How alike two wordings of a problem are, 0 to 1: the normalised Indel similarity of the
    shorter against its best-aligned stretch of the longer (a rectification often restates the
    problem inside a longer sentence), punctuation, spaces and 一是-style numbering ignored."""
    from rapidfuzz import fuzz

    left, right = _normal(a), _normal(b)
    if not left or not right:
        return 0.0
    return float(fuzz.partial_ratio(left, right)) / 100
