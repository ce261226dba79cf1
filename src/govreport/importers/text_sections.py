"""Finding the parts of a report's text: title, preamble, the six sections, the signature."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import attrs

from govreport.findings import Finding, Location, Severity
from govreport.importers.text_lines import Line
from govreport.spec import SECTIONS, TABLES, SectionSpec
from govreport.spec.format2021 import REPORT_TITLE_SUFFIX
from govreport.textwidth import display_width

_CN_DATE_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_CN_DATE = re.compile(
    r"^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$"
)
_SHORT_LINE = 40
TABLE_KEYS = frozenset(table.key for table in TABLES)


def compact(text: str) -> str:
    """Text for comparing labels: NFKC, no spaces, no quotes."""
    normal = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\"'“”‘’「」『』]", "", normal)


def _section_titles(spec: SectionSpec) -> set[str]:
    return {compact(title) for title in (spec.title, *spec.variants)}


def section_of(text: str, after: int) -> int | None:
    """The index in SECTIONS of the section this line heads, if it is a heading of a later section."""
    line = compact(text)
    match = re.match(r"^([一二三四五六])[、.,，]?(.*)$", line)
    if not match:
        return None
    index = "一二三四五六".index(match.group(1))
    if index <= after:
        return None
    rest = match.group(2)
    for title in _section_titles(SECTIONS[index]):
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


def parse_date(text: str) -> dt.date | None:
    line = compact(text)
    match = _DATE.match(line)
    try:
        if match:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = _CN_DATE.match(line)
        if match:
            from govreport.importers.text_blocks import cn_number

            year = int("".join(str(_CN_DATE_DIGITS[c]) for c in match.group(1)))
            return dt.date(year, cn_number(match.group(2)), cn_number(match.group(3)))
    except ValueError:
        return None
    return None


@attrs.frozen(kw_only=True)
class Layout:
    """The input cut into its parts; every input line is in exactly one of them."""

    title: tuple[Line, ...]
    preamble: tuple[Line, ...]
    sections: dict[str, tuple[Line, ...]]  # section key -> lines after its heading
    headings: dict[str, Line]  # section key -> its heading line, for the sections found
    signature: tuple[Line, ...]  # authority and/or date lines


def _is_title_line(text: str) -> bool:
    return bool(text) and len(text) <= _SHORT_LINE and not text.endswith(("。", "；"))


def cut(lines: list[Line], findings: list[Finding]) -> Layout:
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
    title: list[Line] = []
    for line in front:
        if not _is_title_line(line.stripped) or len(title) >= 3:
            break
        title.append(line)
        if REPORT_TITLE_SUFFIX in compact(line.stripped):
            break
    if not any(REPORT_TITLE_SUFFIX in compact(line.stripped) for line in title):
        title = []
    preamble = front[len(title) :]
    # The signature: a date as the last line, and the issuing authority just before it.
    signature: list[Line] = []
    end = len(content)
    if content and starts and parse_date(content[-1].stripped) is not None:
        signature.insert(0, content[-1])
        end -= 1
        last_start = max(starts.values())
        if end - 1 > last_start and _is_title_line(content[end - 1].stripped):
            signature.insert(0, content[end - 1])
            end -= 1
    sections: dict[str, tuple[Line, ...]] = {}
    headings: dict[str, Line] = {}
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
                Finding(
                    rule="import.section_missing",
                    severity=Severity.WARNING,
                    message=f"没有找到第{spec.number}部分的标题“{spec.heading}”",
                    location=Location(section=spec.key),
                )
            )
    return Layout(
        title=tuple(title),
        preamble=tuple(preamble),
        sections=sections,
        headings=headings,
        signature=tuple(signature),
    )


def _after_heading(heading: Line, spec: SectionSpec, findings: list[Finding]) -> tuple[Line, ...]:
    """Text written after a section's heading on its line (a colon and "无" after the title): the section's
    first line, so that it is not lost with the heading."""
    rest = heading_rest(heading.stripped, spec) or ""
    text = rest.lstrip("：:").strip()
    if not text:
        return ()
    if spec.key not in TABLE_KEYS:  # a table's reader reports what it cannot read itself
        findings.append(
            Finding(
                rule="import.text_unplaced",
                severity=Severity.INFO,
                message=f"第{spec.number}部分标题后的文字“{rest}”作为该部分的第一段保留",
                location=Location(section=spec.key, source=f"line {heading.number}"),
                found=rest,
            )
        )
    return (Line(number=heading.number, text=text),)


def join_wrapped(lines: tuple[Line, ...]) -> list[Line]:
    """Join lines that a PDF converter broke inside a paragraph.

    Only when the text looks wrapped (many lines near the longest width); a text with one
    paragraph per line (as the user's sample) is left as it is.
    """
    from govreport.importers.text_blocks import marker_of

    widths = [display_width(line.stripped) for line in lines]
    if not widths:
        return []
    widest = max(widths)
    near_full = sum(1 for width in widths if width >= 0.85 * widest)
    if widest < 40 or near_full < max(3, len(widths) // 4):
        return list(lines)
    # Each paragraph as its first line and the stripped texts joined to it, with its width so far:
    # re-measuring and re-concatenating the paragraph at every line would be quadratic in its length.
    groups: list[tuple[Line, list[str]]] = []
    group_width = 0
    group_ends_sentence = False
    for line, width in zip(lines, widths, strict=True):
        stripped = line.stripped
        indented = line.text.startswith(("  ", "\u3000"))
        if (
            groups
            and not indented
            and not marker_of(stripped)
            and group_width >= 0.85 * widest
            and not group_ends_sentence
        ):
            groups[-1][1].append(stripped)
            group_width += width
            group_ends_sentence = stripped.endswith(("。", "：", ":")) if stripped else group_ends_sentence
            continue
        groups.append((line, [stripped]))
        group_width = width
        group_ends_sentence = stripped.endswith(("。", "：", ":"))
    return [first if len(texts) == 1 else Line(number=first.number, text="".join(texts)) for first, texts in groups]
