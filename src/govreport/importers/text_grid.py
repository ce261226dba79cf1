"""Reading back a table drawn in ASCII by the text exporter (``+---+`` borders, spans).

The drawing is read by its geometry: border lines give the grid rows, ``+`` junctions give the
grid columns, and each cell of the known layout is read from inside its box.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from govreport.exporters.text_table import Box
from govreport.textwidth import char_width

_EDGES = frozenset("|+")


def is_grid_line(text: str) -> bool:
    """A line of a drawing: it starts with a rule and has another; text typed after the drawing's
    right edge does not make it something else (it is read as text outside the boxes)."""
    stripped = text.strip()
    return len(stripped) > 1 and stripped[0] in "+|" and any(char in "+|" for char in stripped[1:])


def _is_border(text: str) -> bool:
    # A grid row boundary has a horizontal segment somewhere; beside a cell that spans it, the
    # same line also carries that cell's text, so the line is not all border characters.
    return "+-" in text or "-+" in text


def _columns_of(text: str) -> list[str]:
    """The line as display columns: a wide character fills two, the second one empty."""
    cells: list[str] = []
    for char in text:
        cells.append(char)
        if char_width(char) == 2:
            cells.append("")
    return cells


@attrs.frozen(kw_only=True)
class Grid:
    """What a drawing holds: the text inside each box, by its (row, column), and the text that is
    in no box (written over a rule or beyond the drawing's edge), by the line it is on."""

    texts: dict[tuple[int, int], str]
    outside: dict[int, str]


def read_grid(lines: Sequence[str], boxes: Sequence[Box], n_rows: int, n_columns: int) -> Grid | None:
    """The drawing read box by box; None when it does not fit the layout."""
    canvas = [_columns_of(line) for line in lines]
    borders = [y for y, line in enumerate(lines) if _is_border(line)]
    if len(borders) != n_rows + 1:
        return None
    xs = sorted({x for y in borders for x, char in enumerate(canvas[y]) if char == "+"})
    if len(xs) != n_columns + 1:
        return None
    texts: dict[tuple[int, int], str] = {}
    inside: set[tuple[int, int]] = set()
    for box in boxes:
        top, bottom = borders[box.row], borders[box.row + box.rowspan]
        left, right = xs[box.column], xs[box.column + box.colspan]
        pieces = []
        for y in range(top + 1, bottom):
            row = canvas[y]
            if not all(x < len(row) and row[x] in _EDGES for x in (left, right)):
                return None  # text typed into a box pushed its edge: the boxes cannot be trusted
            pieces.append("".join(row[left + 1 : right]).strip())
            inside.update((y, x) for x in range(left + 1, right))
        texts[(box.row, box.column)] = "".join(piece for piece in pieces if piece)
    outside: dict[int, str] = {}
    for y, row in enumerate(canvas):
        # (A wide character's second column is "": it adds nothing.)
        stray = "".join(
            " " if (y, x) in inside or char in _EDGES or char == "-" else char for x, char in enumerate(row)
        )
        if stray.strip():
            outside[y] = " ".join(stray.split())
    return Grid(texts=texts, outside=outside)
