"""An HTML element's content as reading blocks: lines of text and grids.

Block elements (p, div, h1–h6, li …) and ``<br>`` end lines; inline elements (span, font, b, a …)
run into the line they are in; ``&nbsp;`` is a space. A ``<table>`` is a grid, its cells placed
by ``rowspan`` and ``colspan`` as a browser places them; a table that holds other tables is a
layout table, whose cells are read as the page's own blocks, in order. Hidden elements
(``display:none``), scripts and styles hold nothing of the report.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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


def hidden(element: Any) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style or element.get("hidden") is not None


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

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._line: list[str] = []
        self._line_at: int | None = None
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
        block = tag in BLOCKS or tag in ("tr", "td", "th")
        if block:
            self.flush()
        self._text(element.text, element.sourceline)
        for child in element:
            self.element(child)
            self._text(child.tail, child.sourceline)
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
        self.blocks.append(grid_of(element, self.tables))


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
            cells.append(
                GridCell(
                    row=r,
                    column=column,
                    rowspan=rowspan,
                    colspan=colspan,
                    text=cell_text(cell),
                    origin=Origin(line=cell.sourceline, element=f"{where}, row {r + 1}, column {column + 1}"),
                )
            )
            column += colspan
            n_columns = max(n_columns, column)
    return Grid(
        cells=tuple(cells), n_rows=len(rows), n_columns=n_columns, origin=Origin(line=table.sourceline, element=where)
    )


def blocks_of(elements: Iterator[Any] | list[Any]) -> list[Block]:
    walker = Walker()
    for element in elements:
        walker.element(element)
    walker.flush()
    return walker.blocks
