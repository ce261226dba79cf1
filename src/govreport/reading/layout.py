"""Finding the parts of a report's text: title, preamble, the six sections, the signature."""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from govreport.findings import Finding, Location
from govreport.reading.catalog import finding
from govreport.reading.chinese import cn_number, compact, parse_date
from govreport.reading.document import TextLine
from govreport.reading.labels import MIN_FUZZY_LENGTH, MIN_SIMILARITY, similarity
from govreport.reading.metadata import split_title, title_suffix
from govreport.spec import SECTIONS, TABLES, SectionSpec

_SHORT_LINE = 40
_TITLE_LINES = 4
TABLE_KEYS = frozenset(table.key for table in TABLES)
_SECTION_NUMBERS = "一二三四五六"


def _section_titles(spec: SectionSpec) -> set[str]:
    return {compact(title) for title in (spec.title, *spec.variants)}


_TITLES = [_section_titles(spec) for spec in SECTIONS]


@attrs.frozen(kw_only=True)
class HeadingMatch:
    """A line read as a section's heading: which section, and whether it is written as the format
    writes it (its number and a title or known variant) or only close to it."""

    index: int
    exact: bool


_HEADING = re.compile(r"^([一二三四五六七八九十]{1,2})[、.,，．]?(.*)$")


def heading_of(text: str, after: int) -> HeadingMatch | None:
    """The section this line heads, if it is a heading of a section after the ``after``-th: its
    number and title as the format has them (or a variant), else a title one typo away under its
    own number, or the title under another number (a report that added a section before it)."""
    match = _HEADING.match(compact(text[:200]))
    if not match:
        return None
    number, rest = match.group(1), match.group(2)
    numbered = cn_number(number) - 1 if cn_number(number) else None
    for index in range(after + 1, len(SECTIONS)):
        titles = _TITLES[index]
        written = any(
            rest == title or (rest.startswith(title) and len(rest) - len(title) <= 12 and "。" not in rest)
            for title in titles
        )
        if written and numbered == index:
            return HeadingMatch(index=index, exact=True)
        if written and numbered is not None and numbered > after:
            return HeadingMatch(index=index, exact=False)  # numbered otherwise: a section was added before it
        close = numbered == index and len(rest) >= MIN_FUZZY_LENGTH and "。" not in rest
        if close and max(similarity(title, rest[: len(title) + 2]) for title in titles) >= MIN_SIMILARITY:
            return HeadingMatch(index=index, exact=False)
    return None


def is_unknown_heading(text: str) -> bool:
    """A line numbered as a section (五、…) with a title that is none of the format's: a section a
    report added of its own (五、信息处理费收取情况)."""
    match = _HEADING.match(compact(text[:60]))
    if not match or not match.group(2) or "。" in text or len(text) > _SHORT_LINE:
        return False
    return heading_of(text, -1) is None and not any(ch.isdigit() for ch in match.group(2))


def section_of(text: str, after: int) -> int | None:
    """The index in SECTIONS of the section this line heads, if it is a heading of a later section."""
    found = heading_of(text, after)
    return found.index if found is not None else None


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


def _title_at(front: Sequence[TextLine], start: int) -> int:
    """How many lines from ``start`` make the title: up to four short lines, the last of them
    completing the title's suffix (政府信息公开工作年度报告 may itself be broken over two lines); 0 if
    they make none."""
    joined = ""
    for count, line in enumerate(front[start : start + _TITLE_LINES], start=1):
        if not is_title_line(line.stripped):
            return 0
        joined += compact(line.stripped)
        if title_suffix(joined) is not None:
            return count
    return 0


def _title(front: Sequence[TextLine]) -> tuple[int, int]:
    """Where the title is among the lines before the first section: (first line, line after it).

    At the very start as a rule; else the last title standing before the preamble, with what is
    before it (a letterhead, a web page's navigation saved with it) ahead of the title."""
    count = _title_at(front, 0)
    if count:
        return 0, count
    for start in range(len(front) - 1, 0, -1):
        count = _title_at(front, start)
        if not count:
            continue
        end = start + count
        # A title centred over two lines (the body, then the year and the rest): the line above
        # belongs to it when the lines found so far name no body.
        while start > 0 and end - start < _TITLE_LINES and is_title_line(front[start - 1].stripped):
            parsed = split_title("".join(line.stripped for line in front[start:end]))
            if parsed is None or parsed[0]:
                break
            start -= 1
        return start, end
    return 0, 0


#: How many lines after the report's signature may be read past to find it (a web page's footer).
_AFTER_SIGNATURE = 150


def _signature_date(content: Sequence[TextLine], last_start: int) -> int | None:
    """The position of the signature's date: the last line if it is a date, else the last date line
    that has a short line (the authority) over it, within the last lines after the last heading."""
    if not content or last_start >= len(content):
        return None
    if parse_date(content[-1].stripped) is not None:
        return len(content) - 1
    first = max(last_start + 1, len(content) - _AFTER_SIGNATURE)
    for position in range(len(content) - 2, first, -1):
        if parse_date(content[position].stripped) is not None and is_title_line(content[position - 1].stripped):
            return position
    return None


def cut(lines: Sequence[TextLine], findings: list[Finding]) -> Layout:
    content = [line for line in lines if line.stripped]
    # Section headings, in order.
    starts: dict[int, int] = {}
    found = -1
    for position, line in enumerate(content):
        heading = heading_of(line.stripped, found)
        if heading is not None:
            starts[heading.index] = position
            found = heading.index
            if not heading.exact:
                spec = SECTIONS[heading.index]
                findings.append(
                    finding(
                        "import.heading_variant",
                        f"“{line.stripped}”与格式中第{spec.number}部分的标题“{spec.heading}”不同，按该部分的标题读取，请核对",
                        Location(section=spec.key, source=line.origin.source),
                        found=line.stripped,
                        expected=spec.heading,
                    )
                )
    first = min(starts.values()) if starts else len(content)
    front = content[:first]
    title_start, title_end = _title(front)
    title = front[title_start:title_end]
    preamble = front[title_end:]
    if title_start:
        ahead = front[:title_start]
        text = "\n".join(line.stripped for line in ahead)
        findings.append(
            finding(
                "import.text_unplaced",
                f"标题之前的{len(ahead)}行文字（文头、网页导航等）不属于报告正文，没有导入",
                Location(section="title", source=ahead[0].origin.source),
                found=text,
            )
        )
    # The signature: a date as the last line, and the issuing authority just before it; or, with
    # lines after it that are no part of the report (a web page's footer saved with it), the last
    # date line with an authority over it among the last lines.
    signature: list[TextLine] = []
    end = len(content)
    last_start = max(starts.values()) if starts else len(content)
    date_at = _signature_date(content, last_start)
    if date_at is not None:
        trailing = content[date_at + 1 :]
        if trailing:
            findings.append(
                finding(
                    "import.text_unplaced",
                    f"落款之后的{len(trailing)}行文字（网页页脚、附件说明等）不属于报告正文，没有导入",
                    Location(section="signature", source=trailing[0].origin.source),
                    found="\n".join(line.stripped for line in trailing),
                )
            )
        signature.insert(0, content[date_at])
        end = date_at
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
