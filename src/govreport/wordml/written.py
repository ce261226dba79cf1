"""Reports written in Word by people, in the official layout: read like published text.

The paragraphs are the lines the text importer understands — sections by their headings (title
variants included), the title and preamble before them, the signature at the end, sub-headings,
numbered items and items run into one paragraph in sections 五 and 六 — so this module hands
them to the text importer's readers instead of repeating their rules; only the tables come from
the Word tables (see :mod:`govreport.wordml.grid`). The template's placeholders (（文字描述）)
are dropped with a finding.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import cast

import attrs

from govreport.findings import Finding, Location, Severity
from govreport.importers.text import metadata_of_layout, signature_of_layout
from govreport.importers.text_blocks import classify
from govreport.importers.text_lines import Line
from govreport.importers.text_narrative import read_other_matters, read_remediation
from govreport.importers.text_sections import cut
from govreport.model import (
    ActiveDisclosureTable,
    ApplicationsTable,
    Block,
    OtherMatters,
    Paragraph,
    Remediation,
    Report,
    ReviewLitigationTable,
    StatisticsTable,
)
from govreport.spec import SECTION_INDEX
from govreport.wordml.body import Para

_PLACEHOLDER = re.compile(r"^[（(][^（）()]*文字描述[^（）()]*[)）]$")
_NARRATIVE = ("overview", "remediation", "other_matters")


def object_findings(
    paragraphs: Sequence[Para], findings: list[Finding], notes: Mapping[str, Sequence[str]] | None = None
) -> None:
    """Pictures, text boxes, footnotes and comments: reported, since a report has no place for them.

    ``notes`` holds the text of the footnotes, endnotes and comments in the order of their parts,
    by the name the body reader gives them ("a footnote"); each reference takes the next one, and
    any left over is reported on its own, so that their text is in a finding.
    """
    waiting = {thing: list(texts) for thing, texts in (notes or {}).items()}
    for para in paragraphs:
        for thing in para.objects:
            pending = waiting.get(thing)
            text = thing.partition(": ")[2] or (pending.pop(0) if pending else None)
            findings.append(
                Finding(
                    rule="import.object_unplaced",
                    severity=Severity.WARNING,
                    message=f"第{para.position}段中有{_describe(thing)}，没有导入",
                    location=Location(source=f"paragraph {para.position}"),
                    found=text,
                )
            )
    for thing, texts in waiting.items():
        findings.extend(
            Finding(
                rule="import.object_unplaced",
                severity=Severity.WARNING,
                message=f"文档中有{_describe(thing)}“{text}”，没有导入",
                location=Location(source="document"),
                found=text,
            )
            for text in texts
        )


def _describe(thing: str) -> str:
    if thing.startswith("a text box"):
        return "文本框"
    return {"a footnote": "脚注", "an endnote": "尾注", "a comment": "批注"}.get(thing, "图片或图形")


def _lines(paragraphs: Sequence[Para], findings: list[Finding]) -> list[Line]:
    lines = []
    for para in paragraphs:
        text = para.text
        if not text.strip():
            continue
        if _PLACEHOLDER.fullmatch(text.strip()):
            findings.append(
                Finding(
                    rule="import.placeholder",
                    severity=Severity.INFO,
                    message=f"删除了模板的占位文字“{text.strip()}”",
                    location=Location(source=f"paragraph {para.position}"),
                    found=text.strip(),
                )
            )
            continue
        lines.append(Line(number=para.position, text=text))
    return lines


def _blocks(lines: Sequence[Line]) -> tuple[Block, ...]:
    return tuple(classify(line.stripped) for line in lines)


def read_written(paragraphs: Sequence[Para], tables: Mapping[str, StatisticsTable], findings: list[Finding]) -> Report:
    layout = cut(_lines(paragraphs, findings), findings)
    metadata, body = metadata_of_layout(layout, findings)
    for key in _NARRATIVE:
        if key in layout.headings and not layout.sections[key]:
            findings.append(
                Finding(
                    rule="import.section_empty",
                    severity=Severity.WARNING,
                    message=f"第{SECTION_INDEX[key].number}部分“{SECTION_INDEX[key].heading}”没有内容",
                    location=Location(section=key),
                )
            )
    texts = {key: [line.stripped for line in lines] for key, lines in layout.sections.items()}
    remediation: Remediation = read_remediation(texts["remediation"], findings)
    other_matters: OtherMatters = read_other_matters(texts["other_matters"])
    # What is written under a table's heading besides the table is the table's notes.
    with_notes = {key: attrs.evolve(table, notes=_blocks(layout.sections[key])) for key, table in tables.items()}
    return Report(
        metadata=metadata,
        preamble=tuple(Paragraph(text=line.stripped) for line in layout.preamble),
        overview=_blocks(layout.sections["overview"]),
        active_disclosure=cast(ActiveDisclosureTable, with_notes["active_disclosure"]),
        applications=cast(ApplicationsTable, with_notes["applications"]),
        review_litigation=cast(ReviewLitigationTable, with_notes["review_litigation"]),
        remediation=remediation,
        other_matters=other_matters,
        signature=signature_of_layout(layout, body, findings),
    )
