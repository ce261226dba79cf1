"""Reading back a table drawn in ASCII by the text exporter (``+---+`` borders, spans).

The drawing is read by its geometry: border lines give the grid rows, ``+`` junctions give the
grid columns, and each cell of the known layout is read from inside its box.
"""

from __future__ import annotations

from collections.abc import Sequence

from govreport.exporters.text_table import Box
from govreport.textwidth import char_width


def is_grid_line(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) > 1 and stripped[0] in "+|" and stripped[-1] in "+|"


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


def read_grid(
    lines: Sequence[str], boxes: Sequence[Box], n_rows: int, n_columns: int
) -> dict[tuple[int, int], str] | None:
    """The text inside each box, keyed by its (row, column); None when the drawing does not fit."""
    canvas = [_columns_of(line) for line in lines]
    borders = [y for y, line in enumerate(lines) if _is_border(line)]
    if len(borders) != n_rows + 1:
        return None
    xs = sorted({x for y in borders for x, char in enumerate(canvas[y]) if char == "+"})
    if len(xs) != n_columns + 1:
        return None
    texts: dict[tuple[int, int], str] = {}
    for box in boxes:
        top, bottom = borders[box.row], borders[box.row + box.rowspan]
        left, right = xs[box.column], xs[box.column + box.colspan]
        pieces = []
        for y in range(top + 1, bottom):
            row = canvas[y]
            pieces.append("".join(row[left + 1 : right]).strip())
        texts[(box.row, box.column)] = "".join(piece for piece in pieces if piece)
    return texts
