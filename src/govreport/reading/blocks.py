"""Recognising narrative lines: sub-headings, numbered items, items run into one paragraph."""

from __future__ import annotations

import re

from govreport.model import Block, Heading, Item, Paragraph
from govreport.reading.chinese import CN_DIGITS, DIGIT_MARK, IS_MARK, PAREN_MARK, cn_number, marker_of

_SENTENCE_END = ("。", "；", ";", "！", "？")
_HEADING_MAX = 40
_IS_ITEM = re.compile(f"([{CN_DIGITS}]+)是")


def classify(text: str) -> Block:
    """A line of narrative as a block. The text is kept exactly: marker + rest == text."""
    marker = marker_of(text)
    if not marker:
        return Paragraph(text=text)
    rest = text[len(marker) :]
    short = len(rest) <= _HEADING_MAX and not rest.endswith(_SENTENCE_END) and "。" not in rest
    if PAREN_MARK.match(marker) and short and rest:
        return Heading(number=marker, text=rest, level=2)
    if DIGIT_MARK.match(marker) and short and rest:
        return Heading(number=marker, text=rest, level=4 if marker.startswith(("（", "(")) else 3)
    if IS_MARK.match(marker) and split_run_in(text) is not None:
        return Paragraph(text=text)  # 一是…二是… inside one paragraph: the paragraph is the unit
    return Item(number=marker, text=rest)


def split_run_in(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """``…不足：一是…；二是…；三是…。`` → (lead, [(一是, …；), (二是, …；), (三是, …。)]).

    Only a run of consecutive numbers starting at 一 counts, so a stray 一是 in a sentence does
    not split it. None when the text holds fewer than two such items.
    """
    positions: list[tuple[int, str]] = []
    expected = 1
    for match in _IS_ITEM.finditer(text):
        if cn_number(match.group(1)) == expected:
            positions.append((match.start(), match.group(0)))
            expected += 1
    if len(positions) < 2:
        return None
    lead = text[: positions[0][0]]
    items = []
    for i, (start, marker) in enumerate(positions):
        end = positions[i + 1][0] if i + 1 < len(positions) else len(text)
        items.append((marker, text[start + len(marker) : end]))
    return lead, items
