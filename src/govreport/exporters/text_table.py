"""Draw a table with row and column spans as ASCII art, fitted to a width in display columns.

ASCII borders (+ - |) rather than box-drawing characters: those are "ambiguous width" and
misalign in terminals configured for CJK.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import attrs

from govreport.textwidth import char_width, display_width, line_count, min_width, pad, wrap


@attrs.frozen(kw_only=True)
class Box:
    row: int
    column: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    align: str = "left"  # left, right, center


def _rows_height(boxes: Sequence[Box], widths: list[int], n_rows: int) -> int:
    heights = [1] * n_rows
    for box in boxes:
        if box.rowspan == 1 and box.text:
            heights[box.row] = max(heights[box.row], line_count(box.text, _span_width(widths, box)))
    return sum(heights)


def _column_widths(boxes: Sequence[Box], n_rows: int, n_columns: int, width: int) -> list[int]:
    # The search below is the costly part of drawing a table, and its result depends only on
    # the labels and on how wide the numbers are: reports of one format share it.
    shapes = tuple(
        Box(
            row=box.row,
            column=box.column,
            rowspan=box.rowspan,
            colspan=box.colspan,
            text="9" * len(box.text) if box.text.isascii() and box.text.isdigit() else box.text,
        )
        for box in boxes
    )
    return list(_column_widths_of_shapes(shapes, n_rows, n_columns, width))


@lru_cache(maxsize=256)
def _column_widths_of_shapes(boxes: tuple[Box, ...], n_rows: int, n_columns: int, width: int) -> tuple[int, ...]:
    need = [1] * n_columns
    floor = [1] * n_columns
    for box in boxes:
        if box.colspan == 1:
            need[box.column] = max(need[box.column], display_width(box.text))
            floor[box.column] = max(floor[box.column], min_width(box.text))
    available = width - (3 * n_columns + 1)
    widths = list(need)
    # Narrow one column at a time, always the one whose narrowing adds the fewest lines (the
    # widest on a tie), until the table fits or no column can get narrower.
    while sum(widths) > available:
        best: tuple[int, int, int] | None = None
        for c in range(n_columns):
            if widths[c] <= floor[c]:
                continue
            widths[c] -= 1
            cost = _rows_height(boxes, widths, n_rows)
            widths[c] += 1
            candidate = (cost, -widths[c], c)
            if best is None or candidate < best:
                best = candidate
        if best is None:
            break  # cannot fit: the table is wider than asked, but nothing is cut
        widths[best[2]] -= 1
    for box in boxes:
        if box.colspan > 1:
            shortfall = min_width(box.text) - _span_width(widths, box)
            if shortfall > 0:
                widths[box.column + box.colspan - 1] += shortfall
    return tuple(widths)


def _span_width(widths: list[int], box: Box) -> int:
    return sum(widths[box.column : box.column + box.colspan]) + 3 * (box.colspan - 1)


def render_table(boxes: Sequence[Box], n_rows: int, n_columns: int, width: int) -> str:
    """The table as lines of text, at most ``width`` columns wide where the content allows."""
    widths = _column_widths(boxes, n_rows, n_columns, width)
    wrapped = {box: wrap(box.text, _span_width(widths, box)) if box.text else [""] for box in boxes}
    heights = [1] * n_rows
    for box in sorted(boxes, key=lambda b: b.rowspan):
        lines = len(wrapped[box])
        rows = range(box.row, box.row + box.rowspan)
        room = sum(heights[r] for r in rows) + (box.rowspan - 1)
        if lines > room:
            heights[box.row + box.rowspan - 1] += lines - room
    xs = [0]
    for w in widths:
        xs.append(xs[-1] + w + 3)
    ys = [0]
    for h in heights:
        ys.append(ys[-1] + h + 1)
    canvas = [[" "] * (xs[-1] + 1) for _ in range(ys[-1] + 1)]
    horizontal = [[False] * (xs[-1] + 1) for _ in range(ys[-1] + 1)]
    vertical = [[False] * (xs[-1] + 1) for _ in range(ys[-1] + 1)]
    for box in boxes:
        top, bottom = ys[box.row], ys[box.row + box.rowspan]
        left, right = xs[box.column], xs[box.column + box.colspan]
        for x in range(left, right + 1):
            horizontal[top][x] = horizontal[bottom][x] = True
        for y in range(top, bottom + 1):
            vertical[y][left] = vertical[y][right] = True
        inner_height = bottom - top - 1
        box_lines = wrapped[box]
        first = top + 1 + (inner_height - len(box_lines)) // 2  # vertically centred
        inner_width = right - left - 3
        for i, line in enumerate(box_lines):
            text = pad(line, inner_width, box.align)
            x = left + 2
            for char in text:
                canvas[first + i][x] = char
                if char_width(char) == 2:
                    canvas[first + i][x + 1] = ""  # the wide character covers this column
                x += char_width(char)
    for y, row in enumerate(canvas):
        for x in range(len(row)):
            if horizontal[y][x] and vertical[y][x]:
                row[x] = "+"
            elif horizontal[y][x]:
                row[x] = "-"
            elif vertical[y][x]:
                row[x] = "|"
    return "\n".join("".join(row).rstrip() for row in canvas)
