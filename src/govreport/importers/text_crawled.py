"""Text as crawlers save a page: a header of the page's fields, then the whole body on one line.

Archives of government sites keep each page's text as ``标题: … / 发布时间: … / 原文链接: …`` and a
``==== 正文 ====`` rule, then the article with its paragraphs (and the tables' cells) run into
one line. The header's title is the report's title; its other fields are the page's, not the
report's, and are left out with a finding. A run-on line is cut before each section heading
(exactly as the format or a known variant writes it), before the table labels inside the table
sections, and before a closing signature, so the assembler sees the lines a person would. Cells
run together without separators ("713000074") are not split: which digits belong to which cell
cannot be known, so those rows stay blank.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from govreport.reading.catalog import finding
from govreport.reading.chinese import parse_date
from govreport.reading.document import Document, TextLine
from govreport.reading.labels import MIN_FUZZY_LENGTH, MIN_SIMILARITY, similarity
from govreport.spec import SECTIONS, TABLES

#: A line longer than this holding two section headings is a run-on body, not a paragraph.
RUN_ON = 300
_FIELD = re.compile(r"^(?:(?:标题|发布时间|文号|发布机构|栏目|原文链接|本地目录|来源|索引号)[:：]|页面链接与图片详见)")
_BODY_RULE = re.compile(r"^=+\s*正文\s*=+$")
_TABLE_SECTIONS = ("active_disclosure", "applications", "review_litigation")
# The signature: a name after a sentence's end (or a space), then a date standing alone; the last one
# counts (a 印发 line's "2023年1月9日印发" does not stand alone). What follows it (抄送, 附件下载,
# style debris) goes on lines of its own after it.
_CLOSING = re.compile(
    r"(?:(?<=[。；！？\s])|^)([^。；！？\s]{2,40})\s*((?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年[^。\s]{1,12}日)(?=\s|$)"
)


@functools.cache
def _headings() -> dict[str, str]:
    """Each section heading as printed (canonical and variants), to the section's key."""
    found: dict[str, str] = {}
    for spec in SECTIONS:
        for title in (spec.title, *spec.variants):
            found[f"{spec.number}、{title}"] = spec.key
    return found


@functools.cache
def _heading_pattern() -> re.Pattern[str]:
    texts = sorted(_headings(), key=len, reverse=True)
    return re.compile("|".join(re.escape(text) for text in texts))


_NUMBERED = re.compile("[一二三四五六]、")


def _close_headings(text: str) -> dict[int, str]:
    """Headings a typo away from the format's, inside a run-on text: where each starts, to the
    heading as printed (section 四's with 行政法复议 for its word). Only under the section's own number."""
    found: dict[int, str] = {}
    for match in _NUMBERED.finditer(text):
        spec = next(spec for spec in SECTIONS if spec.number == match.group(0)[0])
        start = match.end()
        best, length = 0.0, 0
        for title in (spec.title, *spec.variants):
            if len(title) < MIN_FUZZY_LENGTH:
                continue
            for size in range(len(title) - 1, len(title) + 3):
                closeness = similarity(title, text[start : start + size])
                if closeness > best:
                    best, length = closeness, size
        if best >= MIN_SIMILARITY:
            found[match.start()] = text[match.start() : start + length]
    return found


@functools.cache
def _label_pattern() -> re.Pattern[str]:
    labels = {cell.text for spec in TABLES for cell in spec.grid if len(cell.text) >= 2}
    return re.compile("|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True)))


def crawler_header(lines: Sequence[TextLine]) -> int:
    """How many lines the crawler's header takes (0 when the text has none)."""
    if not lines or not lines[0].text.startswith(("标题:", "标题：")):
        return 0
    for k, line in enumerate(lines[:20]):
        if _BODY_RULE.match(line.text.strip()):
            return k + 1
        if line.text.strip() and not _FIELD.match(line.text.strip()):
            return 0
    return 0


def _cut(text: str, pattern: re.Pattern[str]) -> list[str]:
    starts = sorted({0, *(m.start() for m in pattern.finditer(text))})
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True) if text[a:b].strip()]


def _tables_run_on(text: str) -> bool:
    """Whether table labels with their values run on in the text (a label straight before a digit
    or a separator): a body, not a list of the sections' titles in a preamble."""
    return any(re.match(r"\s*[|｜\d]", text[m.end() :]) for m in _label_pattern().finditer(text))


def split_run_on(line: TextLine, crawled: bool = True) -> list[TextLine]:
    """A run-on body line as the lines it stands for; any other line as it is. Outside crawler
    text (``crawled`` False) only a line whose tables run on in it too is cut."""
    text = line.text
    if len(text) < RUN_ON or len(_heading_pattern().findall(text)) < 2:
        return [line]
    if not crawled and not _tables_run_on(text):
        return [line]
    pieces: list[str] = []
    headings = _headings()
    exact = {m.start(): m.group(0) for m in _heading_pattern().finditer(text)}
    printed = {**_close_headings(text), **exact}
    starts = sorted({0, *printed})
    for a, b in zip(starts, [*starts[1:], len(text)], strict=True):
        piece = text[a:b]
        heading = printed.get(a)
        if heading is None:
            pieces.append(piece)
            continue
        # The heading on a line of its own: its text ran straight on (section 一's title, then "2021年，…").
        body = piece[len(heading) :]
        pieces.append(heading)
        key = headings.get(heading) or next(spec.key for spec in SECTIONS if spec.number == heading[0])
        if key in _TABLE_SECTIONS:
            pieces.extend(_cut(body, _label_pattern()))
        elif body.strip():
            pieces.append(body)
    closings = [m for m in _CLOSING.finditer(pieces[-1]) if parse_date(re.sub(r"\s", "", m.group(2)))] if pieces else []
    if closings:
        closing = closings[-1]
        last = pieces.pop()
        pieces.extend([last[: closing.start(1)], closing.group(1), closing.group(2)])
        pieces.extend(last[closing.end() :].split())
    return [
        TextLine(text=piece.strip(), origin=line.origin, indented=line.indented) for piece in pieces if piece.strip()
    ]


def uncrawled(document: Document) -> Document:
    """The document without a crawler's header, its run-on lines cut (each change reported)."""
    lines = [block for block in document.blocks if isinstance(block, TextLine)]
    if len(lines) != len(document.blocks):
        return document
    skip = crawler_header(lines)
    findings = list(document.findings)
    kept: list[TextLine] = []
    if skip:
        title = re.sub(r"^\s*标题\s*[:：]\s*", "", lines[0].text).strip()
        kept.append(TextLine(text=title, origin=lines[0].origin))
        dropped = [line.text.strip() for line in lines[1:skip] if line.text.strip()]
        findings.append(
            finding(
                "import.page_furniture",
                f"正文前爬虫记录的页面信息（{'；'.join(dropped)[:120]}）不是报告内容，已略去，标题取自“标题:”一行",
                None,
                found="\n".join(dropped),
            )
        )
    for line in lines[skip:]:
        kept.extend(split_run_on(line, crawled=skip > 0))
    if not skip and len(kept) == len(lines):
        return document
    return Document(blocks=tuple(kept), findings=tuple(findings), wrapped=document.wrapped, kind=document.kind)
