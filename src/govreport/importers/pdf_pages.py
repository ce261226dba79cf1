"""A PDF page's geometry as text lines and table grids, from pdfplumber's characters and ruling lines.

Tables are found by their ruling lines (pdfplumber's lattice finder, after the page's filled
background boxes are dropped: WPS paints a white box behind every line of text, which would make
every paragraph a "table"); each cell's box becomes a grid cell with its spans, measured against
all the cells' edges. Characters outside the tables are grouped into lines by their baseline and
ordered left to right; a wide gap becomes two spaces (a table drawn without rulings keeps its
columns), a narrow one between Latin letters or digits one space, and the spacing a justified
Chinese line has none.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Iterable, Sequence

import attrs

from govreport.importers.pdf_engine import Char, PageContent
from govreport.importers.pdf_grid import table_boxes

#: Edges of cells closer than this (points) are one edge.
EDGE_TOLERANCE = 2.0
#: A character belongs to a line when its top is within this share of its size of the line's.
SAME_LINE = 0.5
#: A gap between characters wider than this share of their size separates cells.
CELL_GAP = 1.5
#: A gap wider than this share of their size between Latin letters or digits is a space.
WORD_GAP = 0.2


@attrs.frozen(kw_only=True)
class PageLine:
    """A line of text on a page: its text and where it is."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int


@attrs.frozen(kw_only=True)
class BoxCell:
    """A table cell as a box on a page, with the text inside it (lines joined by "\\n")."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str


@attrs.frozen(kw_only=True)
class PageTable:
    """A table on a page: its cells as boxes (joined with the next page's part, if it goes on)."""

    cells: tuple[BoxCell, ...]
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    number: int  # counting the tables of the document from 1


PageItem = PageLine | PageTable


def _is_word_char(text: str) -> bool:
    return text.isascii() and (text.isalnum() or text in "@.-_/:%&?=#+")


def line_text(chars: Sequence[Char]) -> str:
    """The characters of one line, left to right, with the spaces their gaps stand for."""
    ordered = sorted(chars, key=lambda c: c.x0)
    pieces: list[str] = []
    previous: Char | None = None
    for char in ordered:
        if previous is not None:
            gap = char.x0 - previous.x1
            size = max(previous.size, char.size)
            if gap > CELL_GAP * size:
                pieces.append("  ")
            elif gap > WORD_GAP * size and _is_word_char(previous.text[-1]) and _is_word_char(char.text[0]):
                pieces.append(" ")
        pieces.append(char.text)
        previous = char
    return "".join(pieces)


def group_lines(chars: Sequence[Char]) -> list[list[Char]]:
    """Characters grouped into lines by their tops, top to bottom."""
    lines: list[list[Char]] = []
    tops: list[float] = []
    for char in sorted(chars, key=lambda c: (c.top, c.x0)):
        if lines and abs(char.top - tops[-1]) <= SAME_LINE * char.size:
            lines[-1].append(char)
            continue
        lines.append([char])
        tops.append(char.top)
    return lines


def _inside(char: Char, box: tuple[float, float, float, float]) -> bool:
    x = (char.x0 + char.x1) / 2
    y = (char.top + char.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _wraps(line: Sequence[Char], following: Sequence[Char], left: float, right: float) -> bool:
    """Whether a number was wrapped: its line fills the cell from edge to edge, the next line's
    first digit would not have fitted, and the next line follows at line spacing.

    A narrow column breaks "1001" into "100" and "1"; a number is never written over two lines
    on purpose. Two values stacked in one box (a rule missing between two rows) stand a row
    apart, or do not fill the width: they stay two lines, and the cell is no number.
    """
    end = max(line, key=lambda c: c.x1)
    begin = min(line, key=lambda c: c.x0)
    start = min(following, key=lambda c: c.x0)
    if not (end.text[-1].isdigit() or end.text[-1] == ".") or not start.text[0].isdigit():
        return False
    slack = (start.x1 - start.x0) + max(6.0, 0.6 * start.size)
    gap = min(c.top for c in following) - max(c.bottom for c in line)
    return right - end.x1 < slack and begin.x0 - left < slack and gap < 0.6 * start.size


def _cell_text(chars: Sequence[Char], left: float, right: float) -> str:
    lines = group_lines(chars)
    pieces: list[str] = []
    for k, line in enumerate(lines):
        if k:
            pieces.append("" if _wraps(lines[k - 1], line, left, right) else "\n")
        pieces.append(line_text(line))
    return "".join(pieces)


def _edges(values: Iterable[float]) -> list[float]:
    """Values closer than EDGE_TOLERANCE merged, sorted."""
    merged: list[float] = []
    for value in sorted(values):
        if merged and value - merged[-1] <= EDGE_TOLERANCE:
            continue
        merged.append(value)
    return merged


def nearest_edge(edges: Sequence[float], value: float) -> int:
    """The position in ``edges`` (sorted, not empty) of the edge nearest to ``value``; the first on a tie."""
    at = bisect.bisect_left(edges, value)
    if at == 0:
        return 0
    if at == len(edges) or value - edges[at - 1] <= edges[at] - value:
        return at - 1
    return at


def lattice(cells: Sequence[BoxCell]) -> tuple[list[float], list[float]]:
    """The column and row edges of a table's cells."""
    xs = _edges(v for cell in cells for v in (cell.x0, cell.x1))
    ys = _edges(v for cell in cells for v in (cell.top, cell.bottom))
    return xs, ys


def _table_cells(
    boxes: Sequence[tuple[float, float, float, float]], chars: Sequence[Char]
) -> tuple[list[BoxCell], set[int]]:
    """The cells of a table with their text, and the characters (by position in ``chars``) in them.

    Text inside the table's outline but in no cell (a cell whose top rule is missing) gets a cell
    of its own, at the lattice position it is in."""
    taken: set[int] = set()
    cells: list[BoxCell] = []
    # Characters by the height of their centres: a box looks only at those in its rows.
    xs_of = [(c.x0 + c.x1) / 2 for c in chars]
    by_height = sorted(range(len(chars)), key=lambda i: (chars[i].top + chars[i].bottom) / 2)
    heights = [(chars[i].top + chars[i].bottom) / 2 for i in by_height]
    for box in boxes:
        rows = by_height[bisect.bisect_left(heights, box[1]) : bisect.bisect_right(heights, box[3])]
        inside = sorted(i for i in rows if i not in taken and box[0] <= xs_of[i] <= box[2])
        taken.update(inside)
        cells.append(
            BoxCell(
                x0=box[0],
                top=box[1],
                x1=box[2],
                bottom=box[3],
                text=_cell_text([chars[i] for i in inside], box[0], box[2]),
            )
        )
    if not cells:
        return cells, taken
    outline = (
        min(c.x0 for c in cells),
        min(c.top for c in cells),
        max(c.x1 for c in cells),
        max(c.bottom for c in cells),
    )
    stray = [i for i, char in enumerate(chars) if i not in taken and _inside(char, outline)]
    if stray:
        xs, ys = lattice(cells)
        spots: dict[tuple[int, int], list[int]] = {}
        for i in stray:
            char = chars[i]
            x, y = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
            column = max((k for k in range(len(xs) - 1) if xs[k] <= x), default=0)
            row = max((k for k in range(len(ys) - 1) if ys[k] <= y), default=0)
            spots.setdefault((row, column), []).append(i)
        for (row, column), members in spots.items():
            cells.append(
                BoxCell(
                    x0=xs[column],
                    top=ys[row],
                    x1=xs[min(column + 1, len(xs) - 1)],
                    bottom=ys[min(row + 1, len(ys) - 1)],
                    text=_cell_text([chars[i] for i in members], xs[column], xs[min(column + 1, len(xs) - 1)]),
                )
            )
            taken.update(members)
    return cells, taken


#: A table ending below this share of the page's height may have been cut by the page's end.
CUT_AT_BOTTOM = 0.8
#: Text in a page's last (or first) share of its height is a footer (or a header), not a table's row.
FURNITURE_ZONE = 0.08


def _last_row(cells: Sequence[BoxCell], bottom: bool) -> list[BoxCell]:
    edge = max(c.bottom for c in cells) if bottom else min(c.top for c in cells)
    return [c for c in cells if abs((c.bottom if bottom else c.top) - edge) <= EDGE_TOLERANCE]


def _band(chars: Sequence[Char], candidates: Sequence[int], edge: float, *, below: bool) -> list[int]:
    """The characters of the lines next to a table's edge, line after line while each follows the
    last closely (one row of the table, its label perhaps on two lines): a paragraph after a gap is
    not the table's."""
    lines = group_lines([chars[i] for i in candidates])
    if not below:
        lines.reverse()
    taken: list[Char] = []
    last = edge
    for line in lines:
        size = max(c.size for c in line)
        gap = (min(c.top for c in line) - last) if below else (last - max(c.bottom for c in line))
        if gap > 0.8 * size:
            break
        taken.extend(line)
        last = max(c.bottom for c in line) if below else min(c.top for c in line)
    ids = {id(c) for c in taken}
    return [i for i in candidates if id(chars[i]) in ids]


def _rules_go_on(
    verticals: Sequence[tuple[float, float, float]], x0: float, x1: float, edge: float, *, below: bool
) -> bool:
    """Whether the table's side rules go on past its last (first) rule: a row the page cut open has
    its sides drawn; a heading or paragraph next to a closed table has none."""
    return any(
        x0 - EDGE_TOLERANCE <= x <= x1 + EDGE_TOLERANCE
        and (bottom > edge + EDGE_TOLERANCE if below else top < edge - EDGE_TOLERANCE)
        for x, top, bottom in verticals
    )


def _unclosed_row(
    cells: list[BoxCell],
    chars: Sequence[Char],
    free: list[int],
    height: float,
    verticals: Sequence[tuple[float, float, float]],
    *,
    below: bool,
) -> set[int]:
    """A row the page break left without its closing rule: text right under a table that ends at
    the page's foot (or over one that starts at its head), in the table's width, between side rules
    that go on past the table's last rule, with nothing but the footer after it. Its text is placed
    in the columns of the table's last (first) row; the characters taken are returned."""
    if not cells:
        return set()
    x0, x1 = min(c.x0 for c in cells), max(c.x1 for c in cells)
    top, bottom = min(c.top for c in cells), max(c.bottom for c in cells)
    if not _rules_go_on(verticals, x0, x1, bottom if below else top, below=below):
        return set()
    if below:
        if bottom < CUT_AT_BOTTOM * height:
            return set()
        near = [
            i for i in free if chars[i].top >= bottom - EDGE_TOLERANCE and chars[i].top < height * (1 - FURNITURE_ZONE)
        ]
    else:
        if top > (1 - CUT_AT_BOTTOM) * height:
            return set()
        near = [
            i for i in free if chars[i].bottom <= top + EDGE_TOLERANCE and chars[i].bottom > height * FURNITURE_ZONE
        ]
    rest = _band(chars, near, top if not below else bottom, below=below)
    if not rest or not all(x0 - EDGE_TOLERANCE <= (chars[i].x0 + chars[i].x1) / 2 <= x1 + EDGE_TOLERANCE for i in rest):
        return set()
    template = _last_row(cells, bottom=below)
    band_top = bottom if below else min(chars[i].top for i in rest) - EDGE_TOLERANCE
    band_bottom = max(chars[i].bottom for i in rest) + EDGE_TOLERANCE if below else top
    taken: set[int] = set()
    for box in sorted(template, key=lambda c: c.x0):
        members = [i for i in rest if box.x0 <= (chars[i].x0 + chars[i].x1) / 2 <= box.x1]
        taken.update(members)
        cells.append(
            BoxCell(
                x0=box.x0,
                top=band_top,
                x1=box.x1,
                bottom=band_bottom,
                text=_cell_text([chars[i] for i in members], box.x0, box.x1),
            )
        )
    return taken


def read_page(page: PageContent, number: int, first_table: int) -> list[PageItem]:
    """A page's characters and rules as lines and tables in reading order (top to bottom)."""
    chars = page.chars
    tables: list[PageTable] = []
    in_tables: set[int] = set()
    if chars:
        verticals = [(r.x0, r.top, r.bottom) for r in page.rules if r.vertical]
        for boxes in table_boxes(page.rules):
            cells, taken = _table_cells(boxes, chars)
            xs, _ys = lattice(cells)
            if len(xs) < 3:  # one column: a frame drawn around text, not a table
                continue
            in_tables |= taken
            for below in (True, False):
                free = [i for i in range(len(chars)) if i not in in_tables]
                in_tables |= _unclosed_row(cells, chars, free, page.height, verticals, below=below)
            tables.append(
                PageTable(
                    cells=tuple(cells),
                    x0=min(c.x0 for c in cells),
                    x1=max(c.x1 for c in cells),
                    top=min(c.top for c in cells),
                    bottom=max(c.bottom for c in cells),
                    page=number,
                    number=first_table + len(tables),
                )
            )
    text_chars = [char for i, char in enumerate(chars) if i not in in_tables]
    lines = [
        PageLine(
            text=line_text(members),
            x0=min(c.x0 for c in members),
            x1=max(c.x1 for c in members),
            top=min(c.top for c in members),
            bottom=max(c.bottom for c in members),
            size=statistics.median(c.size for c in members),
            page=number,
        )
        for members in group_lines(text_chars)
    ]
    items: list[PageItem] = [*lines, *tables]
    return sorted(items, key=lambda item: item.top)
