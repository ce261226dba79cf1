"""Recognising narrative lines: sub-headings, numbered items, items run into one paragraph."""

from __future__ import annotations

import re

from govreport.model import Block, Heading, Item, Paragraph

CN_DIGITS = "一二三四五六七八九十"
_CN_NUMBER = f"[{CN_DIGITS}]+"

# （一）主动公开 — a level-2 heading when short and not a sentence.
_PART_MARK = re.compile(rf"^(（{_CN_NUMBER}）|\({_CN_NUMBER}\)|{_CN_NUMBER}是)")
_PAREN_MARK = re.compile(rf"^(（{_CN_NUMBER}）|\({_CN_NUMBER}\))")
# 1. 1、 1． （1） (1) — level 3/4 headings or items.
_DIGIT_MARK = re.compile(r"^(\d{1,2}(?:[.．](?!\d)|、)|（\d{1,2}）|\(\d{1,2}\))")
# 一是 二是 … — items (also inside a paragraph, see split_run_in).
_IS_MARK = re.compile(rf"^({_CN_NUMBER}是)")
_SENTENCE_END = ("。", "；", ";", "！", "？")
_HEADING_MAX = 40


def cn_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20 (enough for item numbers)."""
    digits = {char: i + 1 for i, char in enumerate(CN_DIGITS)}
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)
    return digits.get(text, 0)


def marker_of(text: str) -> str:
    """The numbering marker a line starts with ("（一）", "1、", "一是"), or ""."""
    for pattern in (_PAREN_MARK, _DIGIT_MARK, _IS_MARK):
        match = pattern.match(text)
        if match:
            return match.group(1)
    return ""


def classify(text: str) -> Block:
    """A line of narrative as a block. The text is kept exactly: marker + rest == text."""
    marker = marker_of(text)
    if not marker:
        return Paragraph(text=text)
    rest = text[len(marker) :]
    short = len(rest) <= _HEADING_MAX and not rest.endswith(_SENTENCE_END) and "。" not in rest
    if _PAREN_MARK.match(marker) and short and rest:
        return Heading(number=marker, text=rest, level=2)
    if _DIGIT_MARK.match(marker) and short and rest:
        return Heading(number=marker, text=rest, level=4 if marker.startswith(("（", "(")) else 3)
    if _IS_MARK.match(marker) and split_run_in(text) is not None:
        return Paragraph(text=text)  # 一是…二是… inside one paragraph: the paragraph is the unit
    return Item(number=marker, text=rest)


def split_run_in(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """``…不足：一是…；二是…；三是…。`` → (lead, [(一是, …；), (二是, …；), (三是, …。)]).

    Only a run of consecutive numbers starting at 一 counts, so a stray 一是 in a sentence does
    not split it. None when the text holds fewer than two such items.
    """
    positions: list[tuple[int, str]] = []
    expected = 1
    for match in re.finditer(rf"({_CN_NUMBER})是", text):
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
