"""Reading a .docx into a report: the package, the body, the tables, then our record or the text.

Every character the document shows ends up in the report or in a finding: besides the body,
the notes and comments a paragraph refers to and the text of headers and footers (page numbers
aside) are read for the findings, and any text of the body the body reader did not take (a text
box in a table cell, an equation) is reported as well.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from xml.etree.ElementTree import Element

from govreport.findings import Finding, Location
from govreport.formats import Imported
from govreport.reading.catalog import finding
from govreport.reading.document import Block, Document, Grid, GridCell, Origin, TextLine
from govreport.wordml.archive import Package
from govreport.wordml.body import Body, Para, Table, read_body
from govreport.wordml.objects import object_findings
from govreport.wordml.record import StructureRecord, record_text
from govreport.wordml.vocabulary import MC_NS, w

_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#: The parts holding what a paragraph refers to, by the object the body reader names.
_NOTE_PARTS = {
    "a footnote": ("footnotes", "footnote"),
    "an endnote": ("endnotes", "endnote"),
    "a comment": ("comments", "comment"),
}
_FURNITURE = (_RELATIONSHIPS + "header", _RELATIONSHIPS + "footer")
_MATH_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
_TEXT_TAGS = {w("t"), _MATH_T}
# What the body reader rightly leaves out: deleted text, and the copy of a drawing for old readers.
_NOT_SHOWN = {w("del"), w("moveFrom"), f"{{{MC_NS}}}Fallback"}
# A header or footer holding nothing but a page number ("— 3 —", "第 3 页 共 9 页").
_PAGE_NUMBER = re.compile(r"[\s\d\-—－–/第页共]*")


def _record(package: Package, findings: list[Finding]) -> StructureRecord | None:
    text = record_text(package.custom_properties())
    if text is None:
        return None
    try:
        return StructureRecord.from_json(text)
    except (ValueError, RecursionError) as exc:  # a record nested too deeply is as unreadable
        findings.append(
            finding(
                "import.record_unreadable",
                "文档中保存的结构信息无法读取，按普通 Word 文档导入",
                Location(section="metadata"),
                found=str(exc),
            )
        )
        return None


def _texts(element: Element) -> Iterator[str]:
    """The text of every ``w:t`` (and equation ``m:t``) shown, in document order."""
    if element.tag in _NOT_SHOWN:
        return
    if element.tag in _TEXT_TAGS and element.text:
        yield element.text
    for child in element:
        yield from _texts(child)


def _paragraphs_text(element: Element) -> str:
    return "\n".join("".join(_texts(paragraph)) for paragraph in element.iter(w("p"))).strip()


def _notes(package: Package, document: str) -> dict[str, list[str]]:
    """The text of each footnote, endnote and comment, in their parts' order, by the object's name."""
    related = dict(package.relationships(document).values())
    notes: dict[str, list[str]] = {}
    for thing, (part, tag) in _NOTE_PARTS.items():
        name = related.get(_RELATIONSHIPS + part)
        root = package.xml(name) if name else None
        if root is not None:
            notes[thing] = [text for note in root.iter(w(tag)) if (text := _paragraphs_text(note))]
    return notes


def _furniture(package: Package, document: str, findings: list[Finding]) -> None:
    """Headers and footers are no part of the report; text in them other than a page number is reported."""
    parts = sorted({name for rel_type, name in package.relationships(document).values() if rel_type in _FURNITURE})
    for name in parts:  # once each, though first, odd and even pages may share one
        root = package.xml(name)
        text = _paragraphs_text(root) if root is not None else ""
        if text and not _PAGE_NUMBER.fullmatch(text):
            findings.append(
                finding(
                    "import.text_unplaced",
                    f"页眉或页脚中的文字“{text}”不属于报告正文，没有导入",
                    Location(source=name),
                    found=text,
                )
            )


def _unread(package: Package, document: str, body: Body, findings: list[Finding]) -> None:
    """Text of the body that the body reader took nowhere (a text box in a table cell, an equation)."""
    root = package.xml(document)
    if root is None:
        return
    taken: Counter[str] = Counter("".join(body.skipped))
    for element in body.elements:
        if isinstance(element, Para):
            taken.update(element.text + "".join(thing.partition(": ")[2] for thing in element.objects))
        else:
            taken.update("".join(cell.text for cell in element.cells))
    pieces: list[str] = []
    joined = False  # whether the last text was unread too, so that one piece is reported once
    for text in _texts(root):
        need = Counter(text)
        if all(taken[char] >= count for char, count in need.items()):
            taken.subtract(need)
            joined = False
            continue
        if joined:
            pieces[-1] += text
        else:
            pieces.append(text)
        joined = True
    findings.extend(
        finding(
            "import.object_unplaced",
            f"文档中的文字“{piece}”不在可以读取的段落或表格单元格中（如表格中的文本框、公式），没有导入",
            Location(source="document body"),
            found=piece,
        )
        for piece in pieces
        if piece.strip()
    )


def grid_of(table: Table) -> Grid:
    """A Word table as a reading document's grid."""
    where = f"table at position {table.position}"
    return Grid(
        cells=tuple(
            GridCell(
                row=cell.row,
                column=cell.column,
                rowspan=cell.rowspan,
                colspan=cell.colspan,
                text=cell.text,
                origin=Origin(element=f"{where}, row {cell.row + 1}, column {cell.column + 1}"),
            )
            for cell in table.cells
        ),
        n_rows=table.n_rows,
        n_columns=table.n_columns,
        origin=Origin(element=where),
    )


def document_of(body: Body, findings: Sequence[Finding]) -> Document:
    """The body's paragraphs and tables as a reading document."""
    blocks: list[Block] = []
    for element in body.elements:
        if isinstance(element, Para):
            origin = Origin(element=f"paragraph {element.position}")
            blocks.append(TextLine(text=element.text, origin=origin, style=element.style))
        else:
            blocks.append(grid_of(element))
    return Document(blocks=tuple(blocks), findings=tuple(findings), kind="docx")


def _findings_of_body(package: Package, document: str, body: Body, findings: list[Finding]) -> list[Para]:
    """What the body holds that a report has no place for, reported; its paragraphs."""
    paragraphs = [element for element in body.elements if isinstance(element, Para)]
    object_findings(paragraphs, findings, _notes(package, document))
    findings.extend(
        finding(
            "import.object_unplaced",
            "文档正文中有段落和表格以外的内容，没有导入",
            Location(source="document body"),
            found=text,
        )
        for text in body.skipped
    )
    _unread(package, document, body, findings)
    return paragraphs


def read_document(data: bytes, *, source: str | None = None) -> Imported:
    package = Package(data, source=source)
    document = package.main_document()
    findings: list[Finding] = []
    record = _record(package, findings)
    if record is None:
        # A document people wrote: python-docx opens it, the reading layer assembles it.
        from govreport.reading.assemble import assemble
        from govreport.wordml.foreign import furniture_findings, open_document, read_body_of, read_package_body

        opened = open_document(data, package)
        if opened is not None:
            body = read_body_of(opened, package.source)
            _findings_of_body(package, document, body, findings)
            furniture_findings(opened, findings)
        else:  # python-docx refuses a package with a dangling relationship; our own reader does not
            body = read_package_body(package)
            _findings_of_body(package, document, body, findings)
            _furniture(package, document, findings)
        return assemble(document_of(body, findings))
    # Our own export: the fast path, with the structure record it carries.
    from govreport.reading.assemble import tables_in_grids
    from govreport.wordml.own import blank_tables, read_own, restored

    body = read_body(package)
    paragraphs = _findings_of_body(package, document, body, findings)
    _furniture(package, document, findings)
    metadata, overrides = restored(record, findings)
    grids = [grid_of(element) for element in body.elements if isinstance(element, Table)]
    tables = blank_tables(tables_in_grids(grids, findings, overrides, report_empty=False), findings)
    report = read_own(paragraphs, tables, record, metadata, findings)
    return Imported(report=report, findings=tuple(findings))
