"""The assembler: a reading document into a report, the same way whatever the input was.

The text lines are cut into title, preamble, the six sections and the signature by the
format's headings (:mod:`~govreport.reading.layout`); the three tables come from the grids that
hold them (:mod:`~govreport.reading.grid_tables`), else from the lines of their sections
(:mod:`~govreport.reading.flat_tables`); sections 五 and 六 are read into their items
(:mod:`~govreport.reading.narrative`); the metadata from the title and preamble. Everything the
parser and the assembler noticed is in the findings; nothing is dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

import attrs

from govreport.findings import Finding, Location
from govreport.formats import Imported
from govreport.model import (
    TABLE_TYPES,
    ActiveDisclosureTable,
    ApplicationsTable,
    Block,
    Metadata,
    Paragraph,
    Report,
    ReviewLitigationTable,
    Signature,
    StatisticsTable,
)
from govreport.reading.blocks import classify
from govreport.reading.catalog import finding
from govreport.reading.chinese import normalize_label, parse_date
from govreport.reading.document import Document, Grid, TextLine
from govreport.reading.flat_tables import read_flat_table
from govreport.reading.grid_tables import RestoredCells, grid_source, identify, read_located
from govreport.reading.joining import join_grids
from govreport.reading.layout import Layout, cut, is_unknown_heading
from govreport.reading.metadata import body_kind_of, canonical_title, contact_of, period_of, publication_of, split_title
from govreport.reading.narrative import read_other_matters, read_remediation
from govreport.reading.relocate import relocate_tables
from govreport.reading.tables import TableRead
from govreport.reading.wrapping import join_wrapped
from govreport.spec import SECTION_INDEX, TABLES, TableSpec

#: The longest section 二, 三 or 四 read as a table, in characters. A table section has a few
#: thousand, and a whole report some 40,000 if later headings were missed; a longer one would cost
#: seconds a MB for every word and number in it.
MAX_TABLE_SECTION_CHARS = 200_000

_PLACEHOLDER = re.compile(r"^[（(][^（）()]*文字描述[^（）()]*[)）]$")
_NARRATIVE = ("overview", "remediation", "other_matters")


def assemble(document: Document) -> Imported:
    """The report a reading document holds, and every finding made on the way."""
    findings: list[Finding] = list(document.findings)
    document = join_grids(document, findings)
    lines = _lines(document, findings)
    layout = relocate_tables(cut(lines, findings), findings)
    metadata, body = metadata_of_layout(layout, findings)
    tables = read_tables(layout, document, findings)
    report = Report(
        metadata=metadata,
        preamble=tuple(Paragraph(text=t) for t in _texts(layout.preamble, document.wrapped)),
        overview=_blocks(layout.sections["overview"], document.wrapped),
        active_disclosure=_typed(tables["active_disclosure"], ActiveDisclosureTable),
        applications=_typed(tables["applications"], ApplicationsTable),
        review_litigation=_typed(tables["review_litigation"], ReviewLitigationTable),
        remediation=read_remediation(_texts(layout.sections["remediation"], document.wrapped), findings),
        other_matters=read_other_matters(_texts(layout.sections["other_matters"], document.wrapped)),
        signature=signature_of_layout(layout, body, findings),
    )
    _empty_sections(layout, findings)
    return Imported(report=report, findings=tuple(findings))


_T = TypeVar("_T", bound=StatisticsTable)


def _typed(table: StatisticsTable, cls: type[_T]) -> _T:
    assert isinstance(table, cls)
    return table


def _lines(document: Document, findings: list[Finding]) -> list[TextLine]:
    """The text lines, template placeholders removed."""
    lines: list[TextLine] = []
    for block in document.blocks:
        if isinstance(block, Grid):
            continue
        if _PLACEHOLDER.fullmatch(block.stripped):
            findings.append(
                finding(
                    "import.placeholder",
                    f"删除了模板的占位文字“{block.stripped}”",
                    Location(source=block.origin.source),
                    found=block.stripped,
                )
            )
            continue
        lines.append(block)
    return lines


def _texts(lines: Sequence[TextLine], wrapped: bool) -> list[str]:
    return [line.stripped for line in (join_wrapped(lines) if wrapped else lines) if line.stripped]


def _blocks(lines: Sequence[TextLine], wrapped: bool) -> tuple[Block, ...]:
    return tuple(classify(text) for text in _texts(lines, wrapped))


def read_tables(layout: Layout, document: Document, findings: list[Finding]) -> dict[str, StatisticsTable]:
    """The three tables: from the grids that are theirs, else from their sections' lines. The text
    of a table's section besides the table is the table's notes."""
    in_grids = tables_in_grids(tuple(document.grids()), findings)
    tables: dict[str, StatisticsTable] = {}
    for spec in TABLES:
        lines = layout.sections[spec.key]
        found = in_grids.get(spec.key)
        if found is not None:
            tables[spec.key] = attrs.evolve(found, notes=_blocks(lines, document.wrapped))
        else:
            tables[spec.key] = _flat_table(TABLE_TYPES[spec.key], lines, findings)
    return tables


def tables_in_grids(
    grids: Sequence[Grid],
    findings: list[Finding],
    restored: RestoredCells | None = None,
    *,
    report_empty: bool = True,
) -> dict[str, StatisticsTable]:
    """The tables found among the grids (each grid that is none of them is reported)."""
    located, others = identify(grids)
    tables: dict[str, StatisticsTable] = {}
    for key, found in located.items():
        spec = found.spec
        read = read_located(found, (restored or {}).get(key))
        findings.extend(read.findings)
        table = TABLE_TYPES[key].from_values(dict(read.cells))
        if report_empty and all(cell.is_blank and cell.raw is None for cell in table.cells):
            findings.append(
                finding(
                    "import.table_empty",
                    f"表{spec.number}的单元格全部为空白",
                    Location(section=key, table=key, source=grid_source(found.grid)),
                )
            )
        tables[key] = table
    for grid in others:
        text = "\n".join(" | ".join(row) for row in grid.text_rows())
        findings.append(
            finding(
                "import.table_unrecognised",
                "文档中有一个表格不是年度报告格式中的表（标签对不上），其内容没有导入",
                Location(source=grid_source(grid)),
                found=text or None,
            )
        )
    return tables


def _flat_table(cls: type[StatisticsTable], lines: Sequence[TextLine], findings: list[Finding]) -> StatisticsTable:
    spec = cls.SPEC
    size = sum(len(line.text) for line in lines)
    if size > MAX_TABLE_SECTION_CHARS:
        # Reading a table costs time and memory for every word and number in it; text this long
        # is no table (perhaps the next section's heading was not found), so it is kept as notes.
        findings.append(
            finding(
                "import.table_too_long",
                f"第{spec.number}部分有{size}个字符，远多于一张表格，没有按表格读取，各单元格按空白处理，文字作为表格下的说明保留",
                Location(section=spec.key, table=spec.key),
            )
        )
        return cls.from_values({}, notes=tuple(Paragraph(text=line.stripped) for line in lines if line.stripped))
    lines, after = _until_unknown_heading(spec, lines, findings)
    read: TableRead
    if any(line.stripped.startswith("+-") for line in lines):  # drawn by our text exporter
        from govreport.importers.text_ascii import read_ascii_table

        read = read_ascii_table(cls, lines)
    else:
        read = read_flat_table(spec, lines)
    findings.extend(read.findings)
    return cls.from_values(dict(read.cells), notes=(*read.notes, *_blocks(after, wrapped=False)))


def _until_unknown_heading(
    spec: TableSpec, lines: Sequence[TextLine], findings: list[Finding]
) -> tuple[Sequence[TextLine], Sequence[TextLine]]:
    """A table section's lines up to a section the report added of its own (五、信息处理费收取情况
    after table 四), and that section's lines, which are no part of the table: kept as its notes."""
    for k, line in enumerate(lines):
        text = normalize_label(line.stripped)
        if is_unknown_heading(line.stripped) and not any(text in label for label in _grid_labels(spec)):
            findings.append(
                finding(
                    "import.text_unplaced",
                    f"第{spec.number}部分之后有格式之外的部分“{line.stripped}”，其内容作为表{spec.number}下的说明保留",
                    Location(section=spec.key, table=spec.key, source=line.origin.source),
                    found=line.stripped,
                )
            )
            return lines[:k], lines[k:]
    return lines, ()


def _grid_labels(spec: TableSpec) -> set[str]:
    return {normalize_label(cell.text) for cell in spec.grid if cell.text}


def metadata_of_layout(layout: Layout, findings: list[Finding]) -> tuple[Metadata, str | None]:
    """The metadata, and the issuing body as the title names it (for the signature check)."""
    title = "".join(line.stripped for line in layout.title)
    preamble = "".join(line.stripped for line in layout.preamble)
    parsed = split_title(title) if title else None
    period = period_of(preamble)
    if parsed is None:
        first = layout.preamble[0].origin.source if layout.preamble else None
        findings.append(
            finding(
                "import.title_missing",
                "没有找到“××××年政府信息公开工作年度报告”格式的标题，机关名称和年度需要补充",
                Location(section="metadata", source=first or "line 1"),
                found=title or None,
            )
        )
        year = period.start.year if period else 0
        body = ""
        written_title: str | None = title or None
    else:
        body, year = parsed
        written_title = canonical_title(title, body, year)
    place, website = publication_of(preamble)
    metadata = Metadata(
        issuing_body=body,
        year=year,
        body_kind=body_kind_of(body, findings),
        title=written_title,
        period=period,
        published_at=place,
        website=website,
        contact=contact_of(preamble),
    )
    return metadata, body or None


def signature_of_layout(layout: Layout, body: str | None, findings: list[Finding]) -> Signature | None:
    if not layout.signature:
        findings.append(
            finding("import.signature_missing", "没有找到落款（发布机关和日期）", Location(section="signature"))
        )
        return None
    date = parse_date(layout.signature[-1].stripped)
    authority = layout.signature[0].stripped if len(layout.signature) == 2 else (body or "")
    return Signature(authority=authority, date=date)


def _empty_sections(layout: Layout, findings: list[Finding]) -> None:
    for key in _NARRATIVE:
        if key in layout.headings and not layout.sections[key]:
            spec = SECTION_INDEX[key]
            findings.append(
                finding(
                    "import.section_empty",
                    f"第{spec.number}部分“{spec.heading}”没有内容",
                    Location(section=key, source=layout.headings[key].origin.source),
                )
            )
