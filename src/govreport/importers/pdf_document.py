"""A PDF's pages as a reading document: paragraphs, tables joined across pages, no page furniture.

- Page numbers ("- 3 -", "第3页") and running headers or footers (the same text in a page's top or
  bottom margin on several pages) are dropped, each with a finding.
- Lines are joined into paragraphs by the page's geometry: a line goes on the paragraph before it
  when that one reached the right margin and this one starts at the left margin, unnumbered (a
  paragraph's first line is indented, and a heading or the last line of a paragraph stops short).
  This also joins a paragraph that goes on at the top of the next page.
- A table that goes on at the top of the next page (nothing but furniture between, the same left
  and right edges) is one table: its cells are measured against the edges of both parts.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence

import attrs

from govreport.findings import Finding, Location
from govreport.importers.pdf_pages import (
    EDGE_TOLERANCE,
    BoxCell,
    PageItem,
    PageLine,
    PageTable,
    lattice,
    nearest_edge,
)
from govreport.model import Cell
from govreport.reading.catalog import finding
from govreport.reading.chinese import SECTION_MARK, marker_of
from govreport.reading.document import Block, Document, Grid, GridCell, Origin, TextLine

#: The share of a page's height at its top and bottom where running heads stand.
MARGIN_SHARE = 0.08
#: The share where a page number may stand: a footer set inside a wide bottom margin (LibreOffice
#: puts "—6—" 82 points above an A4 page's edge) is still furniture when it is nothing but a number.
NUMBER_MARGIN_SHARE = 0.15
#: Edges of two parts of a table closer than this (points) are the same edge.
SAME_EDGE = 4.0
_PAGE_NUMBER = re.compile(r"[-—－–]?\s*(?:第\s*)?\d{1,4}\s*(?:页)?\s*(?:[/／]\s*\d{1,4}|共\s*\d{1,4}\s*页)?\s*[-—－–]?")


@attrs.frozen(kw_only=True)
class Page:
    number: int
    height: float
    items: tuple[PageItem, ...]


def _in_margin(line: PageLine, height: float, share: float = MARGIN_SHARE) -> bool:
    return line.bottom < height * share or line.top > height * (1 - share)


def _furniture(pages: Sequence[Page], findings: list[Finding]) -> set[int]:
    """The lines (by id) that are page numbers or running heads, each reported."""
    dropped: set[int] = set()
    margin_texts: Counter[str] = Counter()
    for page in pages:
        for item in page.items:
            if isinstance(item, PageLine) and _in_margin(item, page.height):
                margin_texts[re.sub(r"\d+", "#", item.text.replace(" ", ""))] += 1
    for page in pages:
        for k, item in enumerate(page.items):
            if not isinstance(item, PageLine) or not _in_margin(item, page.height, NUMBER_MARGIN_SHARE):
                continue
            text = item.text.strip()
            number = _PAGE_NUMBER.fullmatch(text) is not None
            repeated = margin_texts[re.sub(r"\d+", "#", text.replace(" ", ""))] >= 2 and len(pages) >= 2
            if number or (repeated and _in_margin(item, page.height) and not SECTION_MARK.match(text)):
                dropped.add(id(item))
                findings.append(
                    finding(
                        "import.page_mark",
                        f"删除了页码或页眉页脚“{text}”",
                        Location(source=Origin(page=page.number, line=k + 1).source),
                        found=text,
                    )
                )
    return dropped


@attrs.frozen(kw_only=True)
class _Margins:
    left: float
    right: float


def _margins(lines: Sequence[PageLine]) -> _Margins:
    if not lines:
        return _Margins(left=0.0, right=0.0)
    lefts = Counter(round(line.x0) for line in lines)
    left = float(lefts.most_common(1)[0][0])
    long = [line.x1 for line in lines if len(line.text) >= 10] or [line.x1 for line in lines]
    right = float(statistics.quantiles(long, n=10)[-1]) if len(long) >= 2 else long[0]
    return _Margins(left=left, right=right)


def _indented(line: PageLine, margins: _Margins) -> bool:
    return line.x0 > margins.left + 0.8 * line.size


def _continues(previous: PageLine, line: PageLine, margins: _Margins) -> bool:
    """Whether ``line`` goes on the paragraph whose last line is ``previous``."""
    if _indented(line, margins) or marker_of(line.text.strip()) or SECTION_MARK.match(line.text.strip()):
        return False
    if previous.x1 < margins.right - 1.5 * previous.size:
        return False  # the paragraph before stopped short: it ended there
    if abs(previous.size - line.size) > 0.15 * max(previous.size, line.size):
        return False  # a title over body text
    if previous.page == line.page and line.top - previous.bottom > 1.2 * line.size:
        return False  # a blank line between
    return "  " not in line.text.strip() and "  " not in previous.text.strip()  # a row of a table drawn without rules


def _join(left: str, right: str) -> str:
    if left[-1:].isascii() and left[-1:].isalpha() and right[:1].isascii() and right[:1].isalpha():
        return f"{left} {right}"
    return left + right


def _same_table(upper: PageTable, lower: PageTable) -> bool:
    return abs(upper.x0 - lower.x0) <= SAME_EDGE and abs(upper.x1 - lower.x1) <= SAME_EDGE


def _bands(table: PageTable) -> list[list[BoxCell]]:
    """The table's cells by the row edge they start at, top to bottom, each band left to right."""
    _, ys = lattice(table.cells)
    bands: dict[int, list[BoxCell]] = {}
    for cell in table.cells:
        row = min(range(len(ys)), key=lambda i: abs(ys[i] - cell.top))
        bands.setdefault(row, []).append(cell)
    return [sorted(bands[row], key=lambda c: c.x0) for row in sorted(bands)]


def _same_band(mine: Sequence[BoxCell], theirs: Sequence[BoxCell]) -> bool:
    """Two rows alike in text and place, and header rows: a row holding a number is data, never
    dropped as a repeated header however alike it is."""
    return (
        len(mine) == len(theirs)
        and any(c.text.strip() for c in mine)
        and not any(Cell.from_text(c.text).is_number for c in mine)
        and all(
            a.text == b.text and abs(a.x0 - b.x0) <= EDGE_TOLERANCE and abs(a.x1 - b.x1) <= EDGE_TOLERANCE
            for a, b in zip(mine, theirs, strict=True)
        )
    )


#: How many of the upper part's first rows may stand above the header it repeats (a title row).
_HEADER_OFFSET = 3


def _repeated_header(upper: PageTable, lower: PageTable) -> float | None:
    """Where the lower part's rows start after the header rows it repeats (Word's "repeat as header").

    None when it repeats none. Only whole leading rows equal in text and position to consecutive
    rows at the top of the upper part count, so a data row is never dropped.
    """
    upper_bands, lower_bands = _bands(upper), _bands(lower)
    repeated = 0
    for offset in range(min(_HEADER_OFFSET + 1, len(upper_bands))):
        count = 0
        for mine, theirs in zip(lower_bands, upper_bands[offset:], strict=False):
            if not _same_band(mine, theirs):
                break
            count += 1
        repeated = max(repeated, count)
    if not repeated or repeated >= len(lower_bands):
        return None
    return min(c.top for c in lower_bands[repeated])


def _stacked(upper: PageTable, lower: PageTable) -> PageTable:
    """The two parts of a table as one, the lower part's boxes moved under the upper part's."""
    start = _repeated_header(upper, lower)
    kept = lower.cells if start is None else tuple(c for c in lower.cells if c.top >= start - EDGE_TOLERANCE)
    top = lower.top if start is None else start
    shift = upper.bottom - top
    moved = tuple(BoxCell(x0=c.x0, top=c.top + shift, x1=c.x1, bottom=c.bottom + shift, text=c.text) for c in kept)
    return attrs.evolve(upper, cells=upper.cells + moved, bottom=lower.bottom + shift)


def grid_of(table: PageTable) -> Grid:
    """A table's boxes as a grid: spans counted in the edges of all its cells."""
    xs, ys = lattice(table.cells)
    where = f"table {table.number}"

    cells: list[GridCell] = []
    seen: set[tuple[int, int]] = set()
    for box in sorted(table.cells, key=lambda c: (c.top, c.x0)):
        row, column = nearest_edge(ys, box.top), nearest_edge(xs, box.x0)
        rowspan = max(1, nearest_edge(ys, box.bottom) - row)
        colspan = max(1, nearest_edge(xs, box.x1) - column)
        if (row, column) in seen:
            continue
        seen.add((row, column))
        cells.append(
            GridCell(
                row=row,
                column=column,
                rowspan=rowspan,
                colspan=colspan,
                text=box.text,
                origin=Origin(page=table.page, element=f"{where}, row {row + 1}, column {column + 1}"),
            )
        )
    return Grid(
        cells=tuple(cells),
        n_rows=max(1, len(ys) - 1),
        n_columns=max(1, len(xs) - 1),
        origin=Origin(page=table.page, element=where),
    )


def document_of(pages: Sequence[Page], findings: list[Finding]) -> Document:
    dropped = _furniture(pages, findings)
    items: list[PageItem] = [item for page in pages for item in page.items if id(item) not in dropped]
    margins = _margins([item for item in items if isinstance(item, PageLine)])
    # Tables going on across a page break, joined.
    merged: list[PageItem] = []
    for item in items:
        last = merged[-1] if merged else None
        if (
            isinstance(item, PageTable)
            and isinstance(last, PageTable)
            and item.page == last.page + 1
            and _same_table(last, item)
        ):
            merged[-1] = _stacked(last, item)
            findings.append(
                finding(
                    "import.table_joined",
                    f"第{last.page}页末的表格在第{item.page}页继续，已合并为一张表读取",
                    Location(source=Origin(page=item.page, element=f"table {item.number}").source),
                )
            )
            continue
        merged.append(item)
    blocks: list[Block] = []
    paragraph: list[PageLine] = []
    line_numbers: dict[int, int] = {}
    counts: Counter[int] = Counter()
    for page in pages:
        for item in page.items:
            if isinstance(item, PageLine) and id(item) not in dropped:
                counts[page.number] += 1
                line_numbers[id(item)] = counts[page.number]

    def flush() -> None:
        if not paragraph:
            return
        first = paragraph[0]
        text = paragraph[0].text.strip()
        for line in paragraph[1:]:
            text = _join(text, line.text.strip())
        origin = Origin(page=first.page, line=line_numbers.get(id(first)))
        blocks.append(TextLine(text=text, origin=origin, indented=_indented(first, margins)))
        paragraph.clear()

    for item in merged:
        if isinstance(item, PageTable):
            flush()
            blocks.append(grid_of(item))
            continue
        if paragraph and not _continues(paragraph[-1], item, margins):
            flush()
        paragraph.append(item)
    flush()
    return Document(blocks=tuple(blocks), findings=tuple(findings), kind="pdf")
