"""Finding the parts of a report's text: title, preamble, the six sections, the signature."""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from govreport.findings import Finding, Location
from govreport.reading.catalog import finding
from govreport.reading.chinese import compact, parse_date
from govreport.reading.document import TextLine
from govreport.reading.metadata import title_suffix
from govreport.spec import SECTIONS, TABLES, SectionSpec

_SHORT_LINE = 40
_TITLE_LINES = 4
TABLE_KEYS = frozenset(table.key for table in TABLES)
_SECTION_NUMBERS = "一二三四五六"


def _section_titles(spec: SectionSpec) -> set[str]:
    return {compact(title) for title in (spec.title, *spec.variants)}


_TITLES = [_section_titles(spec) for spec in SECTIONS]


def section_of(text: str, after: int) -> int | None:
    """The index in SECTIONS of the section this line heads, if it is a heading of a later section."""
    line = compact(text[:200])
    match = re.match(r"^([一二三四五六])[、.,，]?(.*)$", line)
    if not match:
        return None
    index = _SECTION_NUMBERS.index(match.group(1))
    if index <= after:
        return None
    rest = match.group(2)
    for title in _TITLES[index]:
        if rest == title or (rest.startswith(title) and len(rest) - len(title) <= 12 and "。" not in rest):
            return index
    return None


def heading_rest(text: str, spec: SectionSpec) -> str | None:
    """The text a heading line of ``spec`` holds after the heading itself, as written ("" for none);
    None when the line does not start with that section's heading."""
    stripped = text.strip().strip("\u3000")
    heads = {compact(f"{spec.number}{mark}{title}") for title in (spec.title, *spec.variants) for mark in ("", "、")}
    heads |= {compact(f"{spec.number}{mark}{spec.title}") for mark in ".,，"}
    longest = max(len(head) for head in heads)
    prefix = ""  # compacted one character at a time, so that a long line costs one pass
    for end, char in enumerate(stripped, start=1):
        prefix += compact(char)
        if prefix in heads:
            return stripped[end:].strip().strip("\u3000")
        if len(prefix) > longest:
            break
    return None


@attrs.frozen(kw_only=True)
class Layout:
    """The input cut into its parts; every input line is in exactly one of them."""

    title: tuple[TextLine, ...]
    preamble: tuple[TextLine, ...]
    sections: dict[str, tuple[TextLine, ...]]  # section key -> lines after its heading
    headings: dict[str, TextLine]  # section key -> its heading line, for the sections found
    signature: tuple[TextLine, ...]  # authority and/or date lines


def is_title_line(text: str) -> bool:
    return bool(text) and len(text) <= _SHORT_LINE and not text.endswith(("。", "；"))


def _title(front: Sequence[TextLine]) -> list[TextLine]:
    """The title's lines at the start: up to four short lines, the last of them completing the
    title's suffix (政府信息公开工作年度报告 may itself be broken over two lines)."""
    title: list[TextLine] = []
    joined = ""
    for line in front[:_TITLE_LINES]:
        if not is_title_line(line.stripped):
            break
        title.append(line)
        joined += compact(line.stripped)
        if title_suffix(joined) is not None:
            return title
    return []


def cut(lines: Sequence[TextLine], findings: list[Finding]) -> Layout:
    content = [line for line in lines if line.stripped]
    # Section headings, in order.
    starts: dict[int, int] = {}
    found = -1
    for position, line in enumerate(content):
        index = section_of(line.stripped, found)
        if index is not None:
            starts[index] = position
            found = index
    first = min(starts.values()) if starts else len(content)
    front = content[:first]
    title = _title(front)
    preamble = front[len(title) :]
    # The signature: a date as the last line, and the issuing authority just before it.
    signature: list[TextLine] = []
    end = len(content)
    if content and starts and parse_date(content[-1].stripped) is not None:
        signature.insert(0, content[-1])
        end -= 1
        last_start = max(starts.values())
        if end - 1 > last_start and is_title_line(content[end - 1].stripped):
            signature.insert(0, content[end - 1])
            end -= 1
    sections: dict[str, tuple[TextLine, ...]] = {}
    headings: dict[str, TextLine] = {}
    ordered = sorted(starts.items())
    for i, (index, position) in enumerate(ordered):
        stop = ordered[i + 1][1] if i + 1 < len(ordered) else end
        key = SECTIONS[index].key
        headings[key] = content[position]
        sections[key] = (*_after_heading(content[position], SECTIONS[index], findings), *content[position + 1 : stop])
    for spec in SECTIONS:
        if spec.key not in sections:
            sections[spec.key] = ()
            findings.append(
                finding(
                    "import.section_missing",
                    f"没有找到第{spec.number}部分的标题“{spec.heading}”",
                    Location(section=spec.key),
                )
            )
    return Layout(
        title=tuple(title),
        preamble=tuple(preamble),
        sections=sections,
        headings=headings,
        signature=tuple(signature),
    )


def _after_heading(heading: TextLine, spec: SectionSpec, findings: list[Finding]) -> tuple[TextLine, ...]:
    """Text written after a section's heading on its line (a colon and "无" after the title): the section's
    first line, so that it is not lost with the heading."""
    rest = heading_rest(heading.stripped, spec) or ""
    text = rest.lstrip("：:").strip()
    if not text:
        return ()
    if spec.key not in TABLE_KEYS:  # a table's reader reports what it cannot read itself
        findings.append(
            finding(
                "import.text_unplaced",
                f"第{spec.number}部分标题后的文字“{rest}”作为该部分的第一段保留",
                Location(section=spec.key, source=heading.origin.source),
                found=rest,
            )
        )
    return (attrs.evolve(heading, text=text),)
