"""The reading document: what every importer's parser makes of its input, before anything knows the report.

A :class:`Document` is a sequence of blocks in reading order: :class:`TextLine` (a paragraph of a
Word file or a web page, a line of a text file or of a PDF page) and :class:`Grid` (a table as
cells with their row, column and spans). Each carries its :class:`Origin` (page, line, element),
so that a finding can say where in the input it is. The assembler
(:func:`govreport.reading.assemble.assemble`) turns a document into a report; parsers never do.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from govreport.findings import Finding


@attrs.frozen(kw_only=True)
class Origin:
    """Where something was in the input: a page (PDF), a line (a text file, as an editor counts
    lines; or a line of a PDF page), an element (a Word paragraph, a web page's element)."""

    page: int | None = None
    line: int | None = None
    element: str | None = None

    @property
    def source(self) -> str | None:
        """As a finding's ``Location.source``: "page 3, line 4", "line 12", "paragraph 5"."""
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.element is not None:
            parts.append(self.element)
        return ", ".join(parts) or None


NOWHERE = Origin()


@attrs.frozen(kw_only=True)
class TextLine:
    """A line or paragraph of text, as written (no line break inside)."""

    text: str
    origin: Origin = NOWHERE
    #: the paragraph's style in the source (a Word style name, an HTML tag), when it has one
    style: str = ""
    #: whether it starts indented (a paragraph's first line, in text or a PDF)
    indented: bool = False

    @property
    def stripped(self) -> str:
        return self.text.strip().strip("\u3000")


@attrs.frozen(kw_only=True)
class GridCell:
    """One cell of a grid: the position of its top-left corner (0-based), its spans and its text.

    A line break inside a cell (a label wrapped in its box) is kept as "\\n"."""

    row: int
    column: int
    rowspan: int = 1
    colspan: int = 1
    text: str = ""
    origin: Origin = NOWHERE


@attrs.frozen(kw_only=True)
class Grid:
    """A table: its cells (each grid position covered by at most one) and its size."""

    cells: tuple[GridCell, ...]
    n_rows: int
    n_columns: int
    origin: Origin = NOWHERE

    def covering(self) -> dict[tuple[int, int], GridCell]:
        """The cell that covers each grid position."""
        covered: dict[tuple[int, int], GridCell] = {}
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.column, cell.column + cell.colspan):
                    covered[(r, c)] = cell
        return covered

    def text_rows(self) -> list[list[str]]:
        """The non-empty texts of each grid row, left to right (for a finding that shows a table)."""
        rows: dict[int, list[str]] = {}
        for cell in sorted(self.cells, key=lambda c: (c.row, c.column)):
            if cell.text.strip():
                rows.setdefault(cell.row, []).append(" ".join(cell.text.split()))
        return [texts for _row, texts in sorted(rows.items())]


Block = TextLine | Grid


@attrs.frozen(kw_only=True)
class Document:
    """An input read into blocks, with what the parser noticed on the way.

    ``wrapped`` says the text lines are a page's lines, not paragraphs (text from ``pdftotext``),
    so that the assembler joins a paragraph's lines; a parser that knows paragraphs (Word, a web
    page, a PDF read by its geometry) gives paragraphs and leaves it False.
    """

    blocks: tuple[Block, ...]
    findings: tuple[Finding, ...] = ()
    wrapped: bool = False
    #: what kind of input it was ("text", "pdf", "html", "docx"), for messages
    kind: str = "text"

    def lines(self) -> Iterator[TextLine]:
        return (block for block in self.blocks if isinstance(block, TextLine))

    def grids(self) -> Iterator[Grid]:
        return (block for block in self.blocks if isinstance(block, Grid))
