"""An HTML element's content as reading blocks: lines of text and grids.

Block elements (p, div, h1–h6, li …) and ``<br>`` end lines; inline elements (span, font, b, a …)
run into the line they are in; ``&nbsp;`` is a space. A ``<table>`` is a grid, its cells placed
by ``rowspan`` and ``colspan`` as a browser places them; a table that holds other tables is a
layout table, whose cells are read as the page's own blocks, in order. Hidden elements
(``display:none``), text only screen readers say (``visually-hidden``, ``sr-only``), scripts and
styles hold nothing of the report; nor do the links our own HTML export adds between section
五's problems and measures (``reading_aids``; a rectification's two halves it then prints apart are
read as one paragraph, as it prints them without). A value cell of our export is read in the state
its class gives it: the mark it shows in a blank cell (the ``blank`` option) is the blank it stands
for, a not-applicable cell is not applicable whatever its mark.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from govreport.reading.document import Block, Grid, GridCell, Origin, TextLine

#: A cell's rowspan or colspan larger than this is read as this (a browser caps them too); the
#: grid of one table is bounded by MAX_TABLE_GRID.
MAX_SPAN = 1000
#: The largest table grid read (rows × columns), as for a Word document.
MAX_TABLE_GRID = 1_000_000

IGNORED = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "meta", "link", "button", "select", "input",
     "textarea", "iframe", "object", "embed", "svg", "canvas", "video", "audio", "map", "option"}
)  # fmt: skip
BLOCKS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
     "section", "article", "main", "center", "address", "figure", "figcaption", "caption", "hr", "form",
     "header", "footer", "nav", "aside", "body", "html", "fieldset", "legend", "details", "summary"}
)  # fmt: skip


def _tag(element: Any) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


#: Classes of text that is not shown, only said by screen readers (our export's 空 in a blank cell).
_SPOKEN_ONLY = frozenset({"visually-hidden", "sr-only", "screen-reader-text"})


def _classes(element: Any) -> set[str]:
    return set(str(element.get("class") or "").split())


def hidden(element: Any) -> bool:
    attributes = element.attrib
    if not attributes:  # most elements: asked for every element of the page, three times
        return False
    style = (attributes.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style or attributes.get("hidden") is not None:
        return True
    if not attributes.get("class"):
        return False
    classes = _classes(element)
    if classes & _SPOKEN_ONLY and _tag(element) not in ("td", "th", "tr"):  # a cell keeps its place in the grid
        return True
    # The links our HTML export adds with ``reading_aids`` (〔对应措施：一是〕): not report text.
    return "pairing" in classes and _tag(element) == "span" and (element.text or "").lstrip().startswith("〔")


def _as_exported(cell: Any, text: str) -> str:
    """The text of a value cell of our own HTML export, read as the state its class says it has: a
    blank cell shows the ``blank`` option's mark ("—", "·", even "0"), which is no value, and its
    kept text (``blank raw``) is read as such unless it would read as a number; a not-applicable
    cell shows its mark, and one that would read as something else is read as "/". A number comes
    only from a cell the export printed as a number."""
    from govreport.model import Cell
    from govreport.spec import ValueKind

    classes = _classes(cell)
    if "value" not in classes:
        return text
    if "blank" in classes:
        kind = ValueKind.AMOUNT if cell.get("data-column") == "amount" else ValueKind.COUNT
        return text if "raw" in classes and not Cell.from_text(text, kind).is_number else ""
    if "na" in classes:
        return text if Cell.from_text(text).is_not_applicable else "/"
    return text


def _clean(text: str) -> str:
    return text.replace("\xa0", " ").replace("\r", "").replace("\n", " ").replace("\t", " ")


def own_rows(table: Any) -> list[Any]:
    """The table's rows, not those of tables nested in its cells."""
    rows = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(row for row in child if _tag(row) == "tr")
    return rows


def _cells(row: Any) -> list[Any]:
    return [cell for cell in row if _tag(cell) in ("td", "th") and not hidden(cell)]


def _span(cell: Any, name: str) -> int:
    try:
        return min(MAX_SPAN, max(1, int(str(cell.get(name) or "1").strip() or "1")))
    except ValueError:
        return 1


def nested_tables(table: Any) -> bool:
    return any(_tag(inner) == "table" for row in own_rows(table) for cell in _cells(row) for inner in cell.iter())


class Walker:
    """Collects the blocks of the elements it is given, in document order."""

    def __init__(self, grids: dict[Any, Grid] | None = None) -> None:
        #: tables already read as grids (by the search for the article), taken as they are
        self._grids = grids or {}
        self.blocks: list[Block] = []
        self._line: list[str] = []
        self._line_at: int | None = None
        self._in_pair = 0  # inside a rectification pair of our export: its paragraphs run together
        self.tables = 0

    # -- lines ----------------------------------------------------------------------------

    def _text(self, text: str | None, line: int | None) -> None:
        if not text:
            return
        if not self._line:
            self._line_at = line
        self._line.append(_clean(text))

    def flush(self) -> None:
        text = "".join(self._line)
        if text.strip():
            self.blocks.append(TextLine(text=" ".join(text.split()), origin=Origin(line=self._line_at)))
        self._line = []
        self._line_at = None

    # -- elements -------------------------------------------------------------------------

    def element(self, element: Any) -> None:
        tag = _tag(element)
        if not tag or tag in IGNORED or hidden(element):
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table":
            self.flush()
            self.table(element)
            return
        # A rectification of our HTML export with ``reading_aids``: its problem and its text are two
        # paragraphs of one item, read as the one paragraph the export writes without them.
        pair = tag == "div" and {"item", "rectification"} <= _classes(element)
        block = (tag in BLOCKS or tag in ("tr", "td", "th")) and not self._in_pair
        if block:
            self.flush()
        self._in_pair += pair
        self._text(element.text, element.sourceline)
        for child in element:
            self.element(child)
            self._text(child.tail, child.sourceline)
        self._in_pair -= pair
        if block:
            self.flush()

    def table(self, element: Any) -> None:
        if nested_tables(element) or len(own_rows(element)) == 0:
            # A layout table: its cells hold the page's own blocks (and the real tables).
            for row in own_rows(element) or [element]:
                for cell in _cells(row) if _tag(row) == "tr" else list(row):
                    self.element(cell)
            return
        self.tables += 1
        known = self._grids.get(element)
        self.blocks.append(grid_of(element, self.tables) if known is None else numbered(known, self.tables))


def cell_text(cell: Any) -> str:
    """A cell's text, its lines (``<br>``, paragraphs) joined by "\\n"."""
    walker = Walker()
    walker._text(cell.text, cell.sourceline)
    for child in cell:
        walker.element(child)
        walker._text(child.tail, child.sourceline)
    walker.flush()
    return "\n".join(block.text for block in walker.blocks if isinstance(block, TextLine))


def _occupy(taken: set[tuple[int, int]], row: int, column: int) -> int:
    while (row, column) in taken:
        column += 1
    return column


def grid_of(table: Any, number: int) -> Grid:
    """A ``<table>`` as a grid: cells placed by rowspan and colspan, as a browser lays them out."""
    where = f"table {number}"
    taken: set[tuple[int, int]] = set()
    cells: list[GridCell] = []
    rows = own_rows(table)
    n_columns = 0
    for r, row in enumerate(rows):
        column = 0
        for cell in _cells(row):
            column = _occupy(taken, r, column)
            rowspan = min(_span(cell, "rowspan"), max(1, len(rows) - r))
            colspan = _span(cell, "colspan")
            if (r + rowspan) * (column + colspan) > MAX_TABLE_GRID:
                rowspan, colspan = 1, 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, column + dc))
            text = cell_text(cell)
            cells.append(
                GridCell(
                    row=r,
                    column=column,
                    rowspan=rowspan,
                    colspan=colspan,
                    text=_as_exported(cell, text),
                    origin=Origin(line=cell.sourceline, element=f"{where}, row {r + 1}, column {column + 1}"),
                )
            )
            column += colspan
            n_columns = max(n_columns, column)
    return Grid(
        cells=tuple(cells), n_rows=len(rows), n_columns=n_columns, origin=Origin(line=table.sourceline, element=where)
    )


def numbered(grid: Grid, number: int) -> Grid:
    """A grid read before, as the ``number``-th table of the document."""
    where = f"table {number}"
    cells = tuple(
        attrs.evolve(
            cell,
            origin=attrs.evolve(cell.origin, element=f"{where}, row {cell.row + 1}, column {cell.column + 1}"),
        )
        for cell in grid.cells
    )
    return attrs.evolve(grid, cells=cells, origin=attrs.evolve(grid.origin, element=where))


def blocks_of(elements: Iterator[Any] | list[Any], grids: dict[Any, Grid] | None = None) -> list[Block]:
    walker = Walker(grids)
    for element in elements:
        walker.element(element)
    walker.flush()
    return walker.blocks
