"""Reading a document body: paragraphs with their styles and runs, tables as grids with spans.

What the body holds but a report cannot (pictures, text boxes, footnotes, comments) is noted on
the paragraph it was found in, so the importer can report it instead of dropping it silently.
Tracked changes are read as accepted: insertions count, deletions do not.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree.ElementTree import Element

import attrs

from govreport.wordml.archive import DocxReadError, Package
from govreport.wordml.vocabulary import KIND_BY_STYLE, MC_NS, REL_STYLES, ROLE_BY_STYLE, Kind, Role, w
from govreport.wordml.xmltext import run_text

_P, _R, _TBL, _TR, _TC = w("p"), w("r"), w("tbl"), w("tr"), w("tc")
_VAL = w("val")
# Containers whose content is read as if it stood in their place.
_TRANSPARENT = {
    w("hyperlink"),
    w("ins"),
    w("moveTo"),
    w("smartTag"),
    w("customXml"),
    w("fldSimple"),
    w("dir"),
    w("bdo"),
}
_DELETED = {w("del"), w("moveFrom")}
#: The largest table grid read (rows × columns). Word tables have at most 63 columns and a report's
#: tables some 30 rows; a few bytes of hostile XML (w:gridSpan="1000000000", a vertical merge over
#: a million empty rows) would otherwise make the walks over the grid endless.
MAX_TABLE_GRID = 1_000_000
#: The most characters of text a document's body may hold: as much as the text importer reads
#: (``MAX_TEXT_BYTES``). A report has some 40,000; reading the paragraphs as a report costs time
#: and memory for every word.
MAX_BODY_CHARS = 4 * 1024 * 1024
_OBJECTS = {w("drawing"), w("pict"), w("object"), f"{{{MC_NS}}}AlternateContent"}
# Body-level marks that hold no content.
_MARKS = {
    w(tag)
    for tag in (
        "sectPr",
        "bookmarkStart",
        "bookmarkEnd",
        "proofErr",
        "permStart",
        "permEnd",
        "commentRangeStart",
        "commentRangeEnd",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "del",
        "moveFrom",
    )
}
_REFERENCES = {
    w("footnoteReference"): "a footnote",
    w("endnoteReference"): "an endnote",
    w("commentReference"): "a comment",
}


@attrs.frozen(kw_only=True)
class Run:
    text: str
    role: Role | None = None


@attrs.frozen(kw_only=True)
class Para:
    """A paragraph of the body; ``position`` counts paragraphs and tables from 1."""

    position: int
    style: str  # the style's name ("" for none)
    runs: tuple[Run, ...]
    #: what the paragraph holds that is not text: "a picture", "a text box: …", "a footnote"
    objects: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def kind(self) -> Kind | None:
        """Our kind of paragraph, when it has one of our styles."""
        return KIND_BY_STYLE.get(self.style)

    def text_of(self, role: Role | None) -> str:
        return "".join(run.text for run in self.runs if run.role is role)


@attrs.frozen(kw_only=True)
class GridCell:
    row: int
    column: int
    rowspan: int
    colspan: int
    text: str


@attrs.frozen(kw_only=True)
class Table:
    position: int
    cells: tuple[GridCell, ...]
    n_rows: int
    n_columns: int


BodyElement = Para | Table


@attrs.frozen(kw_only=True)
class Styles:
    names: dict[str, str]  # style id → name
    default_paragraph: str  # the name of the default paragraph style

    def name(self, style_id: str | None) -> str:
        if style_id is None:
            return self.default_paragraph
        return self.names.get(style_id, style_id)


def read_styles(package: Package, document: str) -> Styles:
    styles_part = package.related(document, REL_STYLES)
    root = package.xml(styles_part) if styles_part else None
    names: dict[str, str] = {}
    default = ""
    if root is not None:
        for style in root.iter(w("style")):
            name_element = style.find(w("name"))
            style_id = style.get(w("styleId"), "")
            name = name_element.get(_VAL, style_id) if name_element is not None else style_id
            names[style_id] = name
            if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true", "on"):
                default = name
    return Styles(names=names, default_paragraph=default)


def _objects(element: Element) -> list[str]:
    """What a picture, shape or text box holds, described for a finding."""
    text = " ".join("".join(t.text or "" for t in paragraph.iter(w("t"))) for paragraph in element.iter(_P)).strip()
    return [f"a text box: {text}"] if text else ["a picture or drawing"]


_TEXT_BOX = w("txbxContent")
_FALLBACK = f"{{{MC_NS}}}Fallback"


def _text_boxes(element: Element) -> list[Element]:
    """The text boxes inside a drawing, each once (not the copy kept for old readers in mc:Fallback)."""
    boxes: list[Element] = []

    def walk(node: Element) -> None:
        for child in node:
            if child.tag == _FALLBACK:
                continue
            if child.tag == _TEXT_BOX:
                boxes.append(child)
                continue
            walk(child)

    walk(element)
    return boxes


def _has_nested_table(table: Element) -> bool:
    return any(inner is not table for inner in table.iter(_TBL))


class _Reader:
    """Walks a body. With ``unpack`` (documents people wrote, not our exports), the paragraphs of
    text boxes are read as paragraphs after the one they stand in, and a table that holds tables
    (a layout table) as the paragraphs and tables of its cells."""

    def __init__(self, styles: Styles, *, unpack: bool = False) -> None:
        self.styles = styles
        self.position = 0
        self.skipped: list[str] = []
        self.unpack = unpack
        self._boxes: list[Element] = []

    def body(self, container: Element) -> Iterator[BodyElement]:
        for child in container:
            tag = child.tag
            if tag == _P:
                self.position += 1
                yield self.paragraph(child)
                boxes, self._boxes = self._boxes, []
                for box in boxes:
                    yield from self.body(box)
            elif tag == _TBL and self.unpack and _has_nested_table(child):
                for row in child.iter(_TR):
                    for cell in (c for c in row if c.tag == _TC):
                        if any(inner.tag in (_P, _TBL) for inner in cell):
                            yield from self.body(cell)
            elif tag == _TBL:
                self.position += 1
                yield self.table(child)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    yield from self.body(content)
            elif tag in (w("customXml"), w("ins"), w("moveTo")):
                yield from self.body(child)
            elif tag not in _MARKS:
                # Anything else that holds text (or a whole embedded document) cannot be placed.
                text = "".join(t.text or "" for t in child.iter(w("t"))).strip()
                if text or tag == w("altChunk"):
                    self.skipped.append(text or "an embedded document (altChunk)")

    def paragraph(self, element: Element) -> Para:
        props = element.find(w("pPr"))
        style_element = props.find(w("pStyle")) if props is not None else None
        style = self.styles.name(style_element.get(_VAL) if style_element is not None else None)
        runs: list[Run] = []
        objects: list[str] = []
        self._inline(element, runs, objects)
        return Para(position=self.position, style=style, runs=tuple(runs), objects=tuple(objects))

    def _inline(self, container: Element, runs: list[Run], objects: list[str]) -> None:
        for child in container:
            tag = child.tag
            if tag == _R:
                runs.append(self.run(child, objects))
            elif tag in _TRANSPARENT:
                self._inline(child, runs, objects)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._inline(content, runs, objects)
            elif tag in _OBJECTS:
                objects.extend(self._objects(child))

    def _objects(self, element: Element) -> list[str]:
        boxes = _text_boxes(element) if self.unpack else []
        if not boxes:
            return _objects(element)
        self._boxes.extend(boxes)
        return []

    def run(self, element: Element, objects: list[str]) -> Run:
        props = element.find(w("rPr"))
        style_element = props.find(w("rStyle")) if props is not None else None
        role = None
        if style_element is not None:
            role = ROLE_BY_STYLE.get(self.styles.name(style_element.get(_VAL)))
        for child in element:
            if child.tag in _OBJECTS:
                objects.extend(self._objects(child))
            elif child.tag in _REFERENCES:
                objects.append(_REFERENCES[child.tag])
        return Run(text=run_text(element), role=role)

    def cell_text(self, cell: Element) -> str:
        lines = []
        for child in cell:
            if child.tag == _P:
                runs: list[Run] = []
                outside, self._boxes = self._boxes, []
                self._inline(child, runs, [])
                lines.append("".join(run.text for run in runs))
                # A text box in a cell: its text is the cell's, after the paragraph it stands in.
                lines.extend(self.cell_text(box) for box in self._boxes)
                self._boxes = outside
            elif child.tag == _TBL:
                nested = self.table(child)
                lines.extend(c.text for c in nested.cells if c.text)
            elif child.tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    lines.append(self.cell_text(content))
        return "\n".join(lines)

    def table(self, element: Element) -> Table:
        """Every cell with its spans, from w:gridSpan and w:vMerge, walking each row once."""
        origins: dict[tuple[int, int], list[int]] = {}  # (row, column) -> [rowspan, colspan]
        texts: dict[tuple[int, int], str] = {}
        open_above: dict[int, tuple[int, int]] = {}  # grid column -> origin of a vertical merge
        n_columns = 0
        rows = [child for child in element if child.tag == _TR]
        for r, row in enumerate(rows):
            column = 0
            row_props = row.find(w("trPr"))
            before = row_props.find(w("gridBefore")) if row_props is not None else None
            if before is not None:
                column += _int(before.get(_VAL), 0)
            for cell in (child for child in row if child.tag == _TC):
                props = cell.find(w("tcPr"))
                span_element = props.find(w("gridSpan")) if props is not None else None
                span = max(1, _int(span_element.get(_VAL) if span_element is not None else None, 1))
                merge = props.find(w("vMerge")) if props is not None else None
                v_merge = None if merge is None else (merge.get(_VAL) or "continue")
                origin = open_above.get(column)
                if v_merge == "continue" and origin is not None:
                    origins[origin][0] = r - origin[0] + 1
                    extra = self.cell_text(cell)  # Word keeps text typed into a merged cell; so do we
                    if extra.strip():
                        texts[origin] = f"{texts[origin]}\n{extra}"
                else:
                    origins[(r, column)] = [1, span]
                    texts[(r, column)] = self.cell_text(cell)
                    if v_merge == "restart":
                        open_above[column] = (r, column)
                    else:
                        open_above.pop(column, None)
                column += span
            n_columns = max(n_columns, column)
        cells = tuple(
            GridCell(row=r, column=c, rowspan=spans[0], colspan=spans[1], text=texts[(r, c)])
            for (r, c), spans in sorted(origins.items())
        )
        return Table(position=self.position, cells=cells, n_rows=len(rows), n_columns=n_columns)


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


@attrs.frozen(kw_only=True)
class Body:
    elements: tuple[BodyElement, ...]
    #: text the body holds outside paragraphs and tables (an embedded document, a stray shape)
    skipped: tuple[str, ...] = ()


def read_body(package: Package, *, unpack: bool = False) -> Body:
    """The paragraphs and tables of the main document, in order (``unpack``: see the walker)."""
    document = package.main_document()
    root = package.xml(document)
    body = root.find(w("body")) if root is not None else None
    if body is None:
        return Body(elements=())
    return walk_body(body, read_styles(package, document), package.source, unpack=unpack)


def walk_body(body: Element, styles: Styles, source: str, *, unpack: bool = False) -> Body:
    """The paragraphs and tables of a ``w:body`` element (from our parser or python-docx's), bounded."""
    reader = _Reader(styles, unpack=unpack)
    elements = tuple(reader.body(body))
    chars = sum(
        sum(len(run.text) for run in element.runs)
        if isinstance(element, Para)
        else sum(len(c.text) for c in element.cells)
        for element in elements
    )
    if chars > MAX_BODY_CHARS:
        raise DocxReadError(
            f"{source}: {chars:,} characters of text, more than the {MAX_BODY_CHARS:,} a report can have "
            "(MAX_BODY_CHARS); is this a report?"
        )
    for table in (element for element in elements if isinstance(element, Table)):
        if table.n_rows * table.n_columns > MAX_TABLE_GRID:
            raise DocxReadError(
                f"{source}: a table of {table.n_rows:,} rows and {table.n_columns:,} grid columns "
                f"(body item {table.position}), more than {MAX_TABLE_GRID:,} cells (MAX_TABLE_GRID); "
                "not a report's table"
            )
    return Body(elements=elements, skipped=tuple(reader.skipped))
