"""Our own exports read back: the structure record applied to the paragraphs as they are now.

Each paragraph has its slot (see :mod:`govreport.wordml.placing`); this module builds the report
from them. Text always comes from the document, so what a person changed is what is imported;
the record supplies what the document cannot show (keys, answers, topics, where run-in items
end, characters XML cannot hold) for paragraphs that are still as exported, and the metadata
and unusual cells.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, cast

import attrs

from govreport.errors import ReportValidationError
from govreport.findings import Finding, Location
from govreport.model import (
    TABLE_TYPES,
    ActiveDisclosureTable,
    ApplicationsTable,
    Block,
    Cell,
    Heading,
    Item,
    Measure,
    Metadata,
    OtherItem,
    OtherMatters,
    Paragraph,
    Problem,
    Rectification,
    Remediation,
    RemediationPart,
    Report,
    ReviewLitigationTable,
    Signature,
    StatisticsTable,
)
from govreport.reading.blocks import classify
from govreport.reading.catalog import finding
from govreport.reading.chinese import parse_date
from govreport.reading.grid_tables import RestoredCells
from govreport.reading.layout import heading_rest
from govreport.reading.metadata import canonical_title, split_title
from govreport.reading.narrative import topic_of
from govreport.serialize import SCHEMA_VERSION, from_document
from govreport.spec import SECTION_INDEX, SECTIONS, TABLES
from govreport.wordml.body import Para
from govreport.wordml.placing import BLOCK_SLOTS, DEFAULT_CONTAINER, HEADING_SLOTS, ITEM_SLOTS, Placed, place
from govreport.wordml.record import StructureRecord
from govreport.wordml.vocabulary import (
    HEADING_LEVELS,
    OTHER_INTRO,
    OTHER_ITEMS,
    PREAMBLE,
    REMEDIATION_CLOSING,
    REMEDIATION_INTRO,
    REMEDIATION_PART_KEYS,
    SIGNATURE_AUTHORITY,
    SIGNATURE_DATE,
    TITLE,
    Kind,
    Role,
    notes_slot,
)


def _pieces(placed: Placed, roles: tuple[Role, ...]) -> list[str]:
    """The texts of ``roles`` and then of everything else; the record's original when unchanged."""
    raw = placed.entry.data.get("raw") if placed.entry is not None and placed.exact else None
    if isinstance(raw, list) and len(raw) == len(roles) + 1 and all(isinstance(piece, str) for piece in raw):
        return raw
    runs = placed.para.runs
    return [
        *("".join(r.text for r in runs if r.role is role) for role in roles),
        "".join(r.text for r in runs if r.role not in roles),
    ]


def _block(placed: Placed) -> Block:
    para = placed.para
    if para.kind is None:
        return classify(para.text.strip())
    if para.kind is Kind.ITEM or para.kind in HEADING_LEVELS:
        number, text = _pieces(placed, (Role.NUMBER,))
        level = HEADING_LEVELS.get(para.kind)
        return Heading(number=number, text=text, level=level) if level else Item(number=number, text=text)
    (text,) = _pieces(placed, ())
    return Paragraph(text=text)


def _item(kind: Kind, pieces: Sequence[str], data: Mapping[str, Any]) -> Any:
    key = data.get("key", "")
    key = key if isinstance(key, str) else ""
    if kind is Kind.RECTIFICATION:
        number, problem, text = pieces
        return Rectification(key=key, number=number, problem=problem, text=text)
    number, text = pieces
    if kind is Kind.PROBLEM:
        return Problem(key=key, number=number, text=text)
    answers = data.get("answers", [])
    answers = tuple(a for a in answers if isinstance(a, str)) if isinstance(answers, list) else ()
    return Measure(key=key, number=number, text=text, answers=answers)


def _run_in_pieces(placed: Placed, kind: Kind) -> tuple[str | None, list[list[str]]] | None:
    """A run-in paragraph cut into its lead and items: by the record when unchanged, else by runs."""
    width = 3 if kind is Kind.RECTIFICATION else 2
    data = placed.entry.data if placed.entry is not None else {}
    lengths = data.get("run_in")
    if placed.exact and isinstance(lengths, list):
        raw = data.get("raw")
        if isinstance(raw, list) and len(raw) == len(lengths):
            segments = [str(piece) for piece in raw]
        else:
            text, segments, start = placed.para.text, [], 0
            for length in lengths:
                segments.append(text[start : start + int(length)])
                start += int(length)
        lead = segments.pop(0) if data.get("lead") else None
        return lead, [segments[i : i + width] for i in range(0, len(segments), width)]
    runs = placed.para.runs
    if not any(run.role is Role.LEAD for run in runs) and sum(run.role is Role.NUMBER for run in runs) < 2:
        return None
    lead_text: str | None = None
    items: list[list[str]] = []
    for run in runs:
        if run.role is Role.LEAD and not items:
            lead_text = (lead_text or "") + run.text
            continue
        if not items or (run.role is Role.NUMBER and (items[-1][-1] or (width == 3 and items[-1][1]))):
            items.append([""] * width)
        current = items[-1]
        if run.role is Role.NUMBER:
            current[0] += run.text
        elif run.role is Role.RESTATED and width == 3:
            current[1] += run.text
        else:
            current[-1] += run.text
    return lead_text, items


@attrs.define
class _Part:
    heading: Heading | None = None
    intro: list[Block] = attrs.Factory(list)
    items: list[Any] = attrs.Factory(list)
    run_in: bool = False


@attrs.define
class _Content:
    title: list[str] = attrs.Factory(list)
    blocks: dict[str, list[Block]] = attrs.Factory(dict)
    parts: dict[str, _Part] = attrs.Factory(lambda: {part: _Part() for part in REMEDIATION_PART_KEYS})
    other_items: list[OtherItem] = attrs.Factory(list)
    authority: str | None = None
    date: dt.date | None = None
    sections: set[str] = attrs.Factory(set)


def _collect(placed: Sequence[Placed], findings: list[Finding]) -> _Content:
    content = _Content()
    for item in placed:
        slot, para = item.slot, item.para
        data = item.entry.data if item.entry is not None else {}
        if "raw" in data and not item.exact:
            findings.append(
                finding(
                    "import.characters_lost",
                    f"第{para.position}段原有 Word 文档无法保存的控制字符，导出时已省略；"
                    "该段在 Word 中被修改，无法恢复",
                    Location(source=f"paragraph {para.position}"),
                    found=para.text,
                    expected=repr("".join(str(piece) for piece in data["raw"])),
                )
            )
        if slot == TITLE:
            content.title.append(para.text)  # compared with the record's printed lines
        elif slot.startswith("section."):
            content.sections.add(slot.removeprefix("section."))
            _heading_text(item, slot.removeprefix("section."), content, findings)
        elif slot in HEADING_SLOTS:
            block = _block(item)
            part = content.parts[HEADING_SLOTS[slot]]
            if isinstance(block, Heading) and part.heading is None and not part.intro and not part.items:
                part.heading = block
            else:
                part.intro.append(block)
        elif slot in BLOCK_SLOTS:
            block = _block(item)
            if slot.startswith("remediation.") and slot not in (REMEDIATION_INTRO, REMEDIATION_CLOSING):
                content.parts[slot.split(".")[1]].intro.append(block)
            else:
                content.blocks.setdefault(slot, []).append(block)
        elif slot == OTHER_ITEMS:
            number, text = _pieces(item, (Role.NUMBER,))
            topic = data.get("topic", "other") if item.entry is not None else topic_of(text)
            content.other_items.append(OtherItem(number=number, text=text, topic=topic))
        elif slot in ITEM_SLOTS:
            _collect_items(item, content.parts[slot.split(".")[1]], ITEM_SLOTS[slot], data)
        elif slot == SIGNATURE_AUTHORITY and content.authority is None:
            content.authority = _pieces(item, ())[0]
        elif slot == SIGNATURE_DATE and content.date is None:
            content.date = _date(item, data, findings)
        elif slot in (SIGNATURE_AUTHORITY, SIGNATURE_DATE):
            _after_signature(item, content, findings)
    return content


def _heading_text(placed: Placed, key: str, content: _Content, findings: list[Finding]) -> None:
    """Text a person typed into a section's heading in Word: the section's first paragraph."""
    written = placed.para.text.strip()
    rest = heading_rest(written, SECTION_INDEX[key])
    extra = written if rest is None else rest  # None: the heading itself was rewritten
    text = extra.lstrip("：:").strip()
    if not text:
        return
    content.blocks.setdefault(DEFAULT_CONTAINER[key], []).append(Paragraph(text=text))
    findings.append(
        finding(
            "import.text_unplaced",
            f"第{SECTION_INDEX[key].number}部分标题段落中多出的文字“{extra}”作为该部分的第一段保留",
            Location(section=key, source=f"paragraph {placed.para.position}"),
            found=extra,
        )
    )


def _after_signature(placed: Placed, content: _Content, findings: list[Finding]) -> None:
    """A second signature or date paragraph: the report has one of each, so it ends section 六."""
    text = placed.para.text
    content.other_items.append(OtherItem(text=text, topic=topic_of(text)))
    findings.append(
        finding(
            "import.text_unplaced",
            f"落款处多出的段落“{text}”放在第六部分的最后",
            Location(section="other_matters", source=f"paragraph {placed.para.position}"),
            found=text,
        )
    )


def _collect_items(placed: Placed, part: _Part, kind: Kind, data: Mapping[str, Any]) -> None:
    roles = (Role.NUMBER, Role.RESTATED) if kind is Kind.RECTIFICATION else (Role.NUMBER,)
    run_in = _run_in_pieces(placed, kind)
    if run_in is None:
        part.items.append(_item(kind, _pieces(placed, roles), data))
        return
    lead, pieces = run_in
    if lead is not None:
        part.intro.append(Paragraph(text=lead))
    items_data = data.get("items", [])
    items_data = items_data if isinstance(items_data, list) else []
    for i, item_pieces in enumerate(pieces):
        extra = items_data[i] if i < len(items_data) and isinstance(items_data[i], dict) else {}
        part.items.append(_item(kind, item_pieces, extra))
    part.run_in = True


def _date(placed: Placed, data: Mapping[str, Any], findings: list[Finding]) -> dt.date | None:
    text = placed.para.text
    if placed.exact and isinstance(data.get("date"), str):
        try:
            return dt.date.fromisoformat(data["date"])
        except ValueError:
            pass
    date = parse_date(text)
    if date is None and text.strip():
        findings.append(
            finding(
                "import.date_unreadable",
                f"落款日期“{text.strip()}”无法识别",
                Location(section="signature", source=f"paragraph {placed.para.position}"),
                found=text,
            )
        )
    return date


def _remediation(content: _Content, findings: list[Finding]) -> Remediation:
    """Section 五, with keys made unique and answers to deleted problems dropped (each reported)."""
    seen: set[str] = set()
    for key in REMEDIATION_PART_KEYS:
        part = content.parts[key]
        for i, item in enumerate(part.items):
            if item.key and item.key in seen:
                findings.append(
                    finding(
                        "import.key_repeated",
                        f"第五部分的编号键“{item.key}”重复（段落在 Word 中被复制），后一个不再使用该键",
                        Location(section="remediation"),
                        found=item.key,
                    )
                )
                part.items[i] = attrs.evolve(item, key="")
            seen.add(item.key)
    problems = {item.key for item in content.parts["problems"].items if item.key}
    measures = content.parts["measures"]
    for i, measure in enumerate(measures.items):
        gone = [key for key in measure.answers if key not in problems]
        if gone:
            findings.append(
                finding(
                    "import.answer_dropped",
                    f"改进措施对应的问题（{', '.join(gone)}）已从文档中删除，不再对应",
                    Location(section="remediation"),
                    found=measure.text,
                )
            )
            measures.items[i] = attrs.evolve(measure, answers=tuple(k for k in measure.answers if k in problems))

    def built(key: str) -> RemediationPart[Any]:
        p = content.parts[key]
        return RemediationPart(heading=p.heading, intro=tuple(p.intro), items=tuple(p.items), run_in=p.run_in)

    return Remediation(
        intro=tuple(content.blocks.get(REMEDIATION_INTRO, [])),
        previous=built("previous"),
        problems=built("problems"),
        measures=built("measures"),
        closing=tuple(content.blocks.get(REMEDIATION_CLOSING, [])),
    )


def restored(record: StructureRecord, findings: list[Finding]) -> tuple[Metadata | None, RestoredCells]:
    """The record's metadata and cells, validated as a JSON document would be."""
    cells: dict[str, dict[str, dict[str, Any]]] = {}
    shown: dict[str, dict[str, str]] = {}
    for key, entries in record.cells.items():
        for address, value in entries.items() if isinstance(entries, dict) else ():
            row, _, column = address.partition("/")
            if isinstance(value, list) and len(value) == 2 and isinstance(value[0], str):
                cells.setdefault(key, {}).setdefault(row, {})[column] = value[1]
                shown.setdefault(key, {})[address] = value[0]
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "metadata": record.metadata,
        "preamble": [],
        "overview": [],
        **{table.key: {"cells": cells.get(table.key, {})} for table in TABLES},
        "remediation": {},
        "other_matters": {},
        "signature": None,
    }
    try:
        report = from_document(document)
    except ReportValidationError as exc:
        findings.append(
            finding(
                "import.record_unreadable",
                "文档中保存的结构信息无效（可能被其他软件改动），元数据按标题和正文推断",
                Location(section="metadata"),
                found="; ".join(exc.problems),
            )
        )
        return None, {}
    overrides: dict[str, dict[str, tuple[str, Cell]]] = {}
    for table in report.tables:
        for address, printed in shown.get(table.SPEC.key, {}).items():
            row, _, column = address.partition("/")
            overrides.setdefault(table.SPEC.key, {})[address] = (printed, table[row, column])
    return report.metadata, overrides


def _metadata(
    record_metadata: Metadata | None, record: StructureRecord, title: Sequence[str], findings: list[Finding]
) -> Metadata:
    if record_metadata is not None and tuple(title) == record.title:
        return record_metadata
    written = "".join(title)
    parsed = split_title(written)
    base = record_metadata or Metadata(issuing_body="", year=0, body_kind="other")
    if parsed is None:
        findings.append(
            finding(
                "import.title_missing" if record_metadata is None else "import.title_edited",
                "标题不是“××××年政府信息公开工作年度报告”的格式，机关名称和年度沿用导出时的值",
                Location(section="title"),
                found=written or None,
            )
        )
        return attrs.evolve(base, title=written or None)
    body, year = parsed
    return attrs.evolve(base, issuing_body=body, year=year, title=canonical_title(written, body, year))


def blank_tables(found: Mapping[str, StatisticsTable], findings: list[Finding]) -> dict[str, StatisticsTable]:
    """The three tables, a blank one (and a finding) for each the document no longer holds."""
    tables = dict(found)
    for spec in TABLES:
        if spec.key not in tables:
            findings.append(
                finding(
                    "import.table_missing",
                    f"没有找到表{spec.number}（{spec.caption}），其数据按空白处理",
                    Location(section=spec.key, table=spec.key),
                )
            )
            tables[spec.key] = TABLE_TYPES[spec.key]()
    return tables


def read_own(
    paragraphs: Sequence[Para],
    tables: Mapping[str, StatisticsTable],
    record: StructureRecord,
    record_metadata: Metadata | None,
    findings: list[Finding],
) -> Report:
    content = _collect(place(paragraphs, record.paragraphs, findings), findings)
    for key in record.empty_run_in:
        if key in content.parts and not content.parts[key].items:
            content.parts[key].run_in = True
    for section in SECTIONS:
        if section.key not in content.sections:
            findings.append(
                finding(
                    "import.section_missing",
                    f"没有找到第{section.number}部分的标题“{section.heading}”（在 Word 中被删除）",
                    Location(section=section.key),
                )
            )
    with_notes = {
        key: attrs.evolve(table, notes=tuple(content.blocks.get(notes_slot(key), []))) for key, table in tables.items()
    }
    signature = None
    if content.authority is not None or content.date is not None:
        signature = Signature(authority=content.authority or "", date=content.date)
    return Report(
        metadata=_metadata(record_metadata, record, content.title, findings),
        preamble=tuple(content.blocks.get(PREAMBLE, [])),
        overview=tuple(content.blocks.get("overview", [])),
        active_disclosure=cast(ActiveDisclosureTable, with_notes["active_disclosure"]),
        applications=cast(ApplicationsTable, with_notes["applications"]),
        review_litigation=cast(ReviewLitigationTable, with_notes["review_litigation"]),
        remediation=_remediation(content, findings),
        other_matters=OtherMatters(intro=tuple(content.blocks.get(OTHER_INTRO, [])), items=tuple(content.other_items)),
        signature=signature,
    )
