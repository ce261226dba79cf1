"""Tables printed away from their sections, moved back to them.

Some reports write all six sections as narrative and print the tables after them under headings
of their own (the tables' section titles numbered anew from 一, or as 附表一 …). Their lines then
fall inside another section (often 六). When a table's own section holds no numbers, a line
elsewhere that is that table's title (whatever its number) starts its table: the lines up to the
next such title, or the end of the section, are moved to the table's section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from govreport.findings import Finding, Location
from govreport.reading.catalog import finding
from govreport.reading.chinese import compact
from govreport.reading.document import TextLine
from govreport.reading.layout import Layout
from govreport.spec import SECTION_INDEX, TABLES

# What may stand before a table's title: a number of any kind, 表一, 附表1, 附件.
_PREFIX = re.compile(
    r"^(?:附件\d*[:：]?)?(?:附?表[一二三四五六七八九十\d]*[:：、.]?)?(?:[一二三四五六七八九十]+[、.]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、])?"
)
_DIGIT = re.compile(r"\d")


def _titles() -> dict[str, set[str]]:
    return {
        spec.key: {compact(title) for title in (SECTION_INDEX[spec.key].title, *SECTION_INDEX[spec.key].variants)}
        for spec in TABLES
    }


_TABLE_TITLES = _titles()


def table_title_of(text: str) -> str | None:
    """The key of the table whose title this line is (with any number before it), or None."""
    line = compact(text[:80])
    rest = _PREFIX.sub("", line, count=1).rstrip(":：")
    for key, titles in _TABLE_TITLES.items():
        if rest in titles:
            return key
    return None


def _has_numbers(lines: Sequence[TextLine]) -> bool:
    return any(_DIGIT.search(line.text) for line in lines)


def relocate_tables(layout: Layout, findings: list[Finding]) -> Layout:
    sections = dict(layout.sections)
    wanted = {spec.key for spec in TABLES if not _has_numbers(sections[spec.key])}
    if not wanted:
        return layout
    for key, lines in list(sections.items()):
        if key in _TABLE_TITLES:
            continue
        starts = [(i, title) for i, line in enumerate(lines) if (title := table_title_of(line.stripped)) is not None]
        if not any(title in wanted for _i, title in starts):
            continue
        kept = list(lines[: starts[0][0]])
        bounds = [*(i for i, _title in starts[1:]), len(lines)]
        for (start, title), stop in zip(starts, bounds, strict=True):
            region = lines[start + 1 : stop]
            if title in wanted and _has_numbers(region):
                sections[title] = (*sections[title], *region)
                wanted.discard(title)
                findings.append(
                    finding(
                        "import.table_elsewhere",
                        f"表{SECTION_INDEX[title].number}（{SECTION_INDEX[title].title}）印在第"
                        f"{SECTION_INDEX[key].number}部分中“{lines[start].stripped}”之下，已按该表读取",
                        Location(section=title, table=title, source=lines[start].origin.source),
                        found=lines[start].stripped,
                    )
                )
            else:
                kept.extend(lines[start:stop])
        sections[key] = tuple(kept)
    return attrs.evolve(layout, sections=sections)
