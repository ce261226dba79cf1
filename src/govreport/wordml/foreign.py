"""Word documents people wrote (in Word, WPS or LibreOffice), opened with python-docx.

python-docx reads the package (content types, the part graph, styles, sections with their
headers and footers) and hands over the body as an element tree, which the body walker
(:mod:`~govreport.wordml.body`) reads as it reads our own exports, with text boxes unpacked.
Before that, the body is taken as Word shows it with its changes accepted and its layout undone
(:func:`as_accepted`): a layout table (a table that holds tables and is none of the report's) is
replaced by what its cells hold, in reading order; a table of the report with a table typed into
one of its cells keeps that table's text as the cell's; a paragraph whose mark was deleted is
joined to the next, as accepting the change joins them.

python-docx parses every XML part of the package when it opens it, so every part is first read
within the package's bounds and checked (size, no DTD, tags, depth) by
:class:`~govreport.wordml.archive.Package`: a zip bomb or an entity bomb is refused before
python-docx sees it.
"""

from __future__ import annotations

import io
import re
from copy import deepcopy
from typing import Any
from xml.etree.ElementTree import Element

from govreport.findings import Finding, Location
from govreport.reading.catalog import finding
from govreport.reading.document import Grid, GridCell
from govreport.reading.grid_tables import MIN_SCORE, score
from govreport.spec import TABLES
from govreport.wordml.archive import Package, parse_xml
from govreport.wordml.body import Body, Styles, read_styles, walk_body
from govreport.wordml.vocabulary import w

# A header or footer holding nothing but a page number ("— 3 —", "第 3 页 共 9 页").
_PAGE_NUMBER = re.compile(r"[\s\d\-—－–/第页共]*")
_XML_PARTS = (".xml", ".rels")
_P, _TBL, _TR, _TC, _T = w("p"), w("tbl"), w("tr"), w("tc"), w("t")
_PPR, _TCPR = w("pPr"), w("tcPr")
_DELETED_MARK = f"{w('rPr')}/{w('del')}"  # in a paragraph's w:pPr: its mark deleted as a tracked change
# What holds paragraphs and tables, besides the body and table cells.
_BLOCK_CONTAINERS = {w("sdt"), w("sdtContent"), w("customXml"), w("ins"), w("moveTo")}


def check_parts(package: Package, names: list[str]) -> None:
    """Every part read within the package's limits, and every XML part parsed with the checks."""
    for name in names:
        data = package.read(name)
        if data is not None and name.endswith(_XML_PARTS):
            parse_xml(data, f"{package.source}: {name}")


def open_document(data: bytes, package: Package) -> Any | None:
    """The python-docx Document, once every part passed the checks; None when python-docx cannot
    open a package that is otherwise readable (a relationship to a part that is not there)."""
    check_parts(package, package.names())
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - python-docx's errors on a package it cannot make sense of
        return None


def styles_of(document: Any) -> Styles:
    from docx.enum.style import WD_STYLE_TYPE

    names = {style.style_id: style.name or style.style_id for style in document.styles}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    return Styles(names=names, default_paragraph=default.name if default is not None else "")


def read_body_of(document: Any, source: str) -> Body:
    """The body as accepted (:func:`as_accepted`), text boxes unpacked."""
    return walk_body(as_accepted(document.element.body), styles_of(document), source, unpack=True)


def read_package_body(package: Package) -> Body:
    """The same from our own parse of the package, for one python-docx cannot open."""
    document = package.main_document()
    root = package.xml(document)
    body = root.find(w("body")) if root is not None else None
    if body is None:
        return Body(elements=())
    return walk_body(as_accepted(body), read_styles(package, document), package.source, unpack=True)


def as_accepted(body: Element) -> Element:
    """The body as Word shows it with its tracked changes accepted, its layout tables taken apart.

    - A layout table (a table holding tables, whose own cells are none of the report's tables) is
      replaced by the paragraphs and tables of its cells, row by row, each once.
    - A table of the report with a table in a cell (a value typed into a small table) stays a table:
      the inner table is replaced by the paragraphs of its cells, so that its text is the cell's.
    - A paragraph whose mark is deleted is joined to the paragraph after it.

    A copy when anything changes (python-docx's tree is left as it is); else the body itself.
    """
    nested = any(_holds_table(table) for table in body.iter(_TBL))
    if not nested and body.find(f".//{_PPR}/{_DELETED_MARK}") is None:
        return body
    copy = deepcopy(body)
    _take_apart(copy)
    for container in [copy, *copy.iter(_TC), *copy.iter(w("txbxContent")), *copy.iter(w("sdtContent"))]:
        _join_deleted_marks(container)
    return copy


def _holds_table(table: Element) -> bool:
    return any(inner is not table for inner in table.iter(_TBL))


def _cells(table: Element) -> list[Element]:
    """The table's own cells (not those of tables inside them), row by row."""
    return [cell for row in table if row.tag == _TR for cell in row if cell.tag == _TC]


def _own_text(element: Element) -> str:
    """The text of an element, leaving out the tables inside it."""
    if element.tag == _TBL:
        return ""
    own = (element.text or "") if element.tag == _T else ""
    return own + "".join(_own_text(child) for child in element)


def _is_report_table(table: Element) -> bool:
    """Whether the table's own cells hold most of the labels of one of the report's tables."""
    texts = [_own_text(cell) for cell in _cells(table)]
    grid = Grid(
        cells=tuple(GridCell(row=0, column=i, text=text) for i, text in enumerate(texts)),
        n_rows=1,
        n_columns=len(texts),
    )
    return any(score(spec, grid) >= MIN_SCORE for spec in TABLES)


def _content(table: Element) -> list[Element]:
    """What the cells of a table hold (their paragraphs, tables and marks), taken apart in turn."""
    held: list[Element] = []
    for cell in _cells(table):
        _take_apart(cell)
        held.extend(child for child in cell if child.tag != _TCPR)
    return held


def _take_apart(container: Element) -> None:
    """Layout tables among the container's blocks replaced by their content (see :func:`as_accepted`)."""
    children: list[Element] = []
    changed = False
    for child in list(container):
        if child.tag == _TBL and _holds_table(child):
            if _is_report_table(child):
                for cell in _cells(child):
                    _inline_tables(cell)
                children.append(child)
            else:
                children.extend(_content(child))
                changed = True
            continue
        if child.tag in _BLOCK_CONTAINERS:
            _take_apart(child)
        elif child.tag == _P:
            for box in child.iter(w("txbxContent")):
                _take_apart(box)
        children.append(child)
    if changed:
        container[:] = children


def _inline_tables(cell: Element) -> None:
    """The tables in a cell of the report's table replaced by their cells' content."""
    if any(child.tag == _TBL for child in cell):
        held: list[Element] = []
        for child in list(cell):
            if child.tag == _TBL:
                for inner in _cells(child):
                    _inline_tables(inner)
                    held.extend(block for block in inner if block.tag != _TCPR)
            else:
                held.append(child)
        cell[:] = held


def _join_deleted_marks(container: Element) -> None:
    """Each paragraph whose mark is deleted joined to the paragraph right after it: its content
    goes to the front of the next one, whose mark (and so whose properties) remain."""
    children = list(container)
    kept: list[Element] = []
    for position, child in enumerate(children):
        after = children[position + 1] if position + 1 < len(children) else None
        props = child.find(_PPR) if child.tag == _P else None
        if props is None or props.find(_DELETED_MARK) is None or after is None or after.tag != _P:
            kept.append(child)
            continue
        start = 1 if len(after) and after[0].tag == _PPR else 0
        for offset, inline in enumerate(inline for inline in list(child) if inline.tag != _PPR):
            after.insert(start + offset, inline)
    if len(kept) != len(children):
        container[:] = kept


def furniture_findings(document: Any, findings: list[Finding]) -> None:
    """Text in headers and footers other than a page number: no part of the report, reported."""
    seen: set[int] = set()
    for number, section in enumerate(document.sections, start=1):
        for kind in (
            "header",
            "footer",
            "first_page_header",
            "first_page_footer",
            "even_page_header",
            "even_page_footer",
        ):
            part = getattr(section, kind)
            if part.is_linked_to_previous or id(part.part) in seen:
                continue
            seen.add(id(part.part))
            text = "\n".join(paragraph.text for paragraph in part.paragraphs).strip()
            if text and not _PAGE_NUMBER.fullmatch(text):
                findings.append(
                    finding(
                        "import.text_unplaced",
                        f"页眉或页脚中的文字“{text}”不属于报告正文，没有导入",
                        Location(source=f"section {number}, {kind.replace('_', ' ')}"),
                        found=text,
                    )
                )
