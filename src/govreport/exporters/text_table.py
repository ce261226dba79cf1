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


class _Heights:
    """The height in lines of each row for the current column widths, updated one column at a
    time: narrowing a column changes only the boxes over it, so a trial costs a few boxes, not the
    whole table (each report with a column's widest count not seen before misses the cache below)."""

    def __init__(self, boxes: Sequence[Box], widths: list[int], n_rows: int) -> None:
        # Only single-row boxes with text decide a row's height here; taller boxes are fitted later.
        # A count in one column is left out: its column is never narrowed below its widest count,
        # so it is always one line, which every row has anyway (most of a table's boxes are these).
        self.boxes = [
            box for box in boxes if box.rowspan == 1 and box.text and not (box.colspan == 1 and _is_count(box.text))
        ]
        self.widths = widths
        # Plain lists beside the boxes: the search reads them hundreds of times a table.
        self.texts = [box.text for box in self.boxes]
        self.rows = [box.row for box in self.boxes]
        self.columns = [range(box.column, box.column + box.colspan) for box in self.boxes]
        self.span = [_span_width(widths, box) for box in self.boxes]
        self.lines = [line_count(box.text, span) for box, span in zip(self.boxes, self.span, strict=True)]
        self.in_row: list[list[int]] = [[] for _ in range(n_rows)]
        self.over_column: list[list[int]] = [[] for _ in widths]
        for index, box in enumerate(self.boxes):
            self.in_row[box.row].append(index)
            for column in range(box.column, box.column + box.colspan):
                self.over_column[column].append(index)
        self.heights = [max((self.lines[i] for i in row), default=1) for row in self.in_row]
        self.total = sum(self.heights)

    def total_if(self, column: int, delta: int) -> int:
        """The total height if ``column`` were ``delta`` wider."""
        texts, rows, span, lines, heights = self.texts, self.rows, self.span, self.lines, self.heights
        grown: dict[int, int] = {}  # row -> its tallest changed box, where taller than the row
        for i in self.over_column[column]:
            count = line_count(texts[i], span[i] + delta)
            if count < lines[i]:
                # Narrower never means fewer lines for the wrapping we do; if it ever did, a row's
                # height could drop, which only a full recount gets right.
                return self._recounted_total(column, delta)
            row = rows[i]
            if count > heights[row] and count > grown.get(row, 0):
                grown[row] = count
        return self.total + sum(count - heights[row] for row, count in grown.items())

    def _recounted_total(self, column: int, delta: int) -> int:
        self.change(column, delta)
        total = self.total
        self.change(column, -delta)
        return total

    def change(self, column: int, delta: int) -> set[int]:
        """Make ``column`` ``delta`` wider; returns the rows whose height changed."""
        self.widths[column] += delta
        rows = set()  # only a row with a box wrapped anew can change its height
        for i in self.over_column[column]:
            self.span[i] += delta
            lines = line_count(self.texts[i], self.span[i])
            if lines != self.lines[i]:
                self.lines[i] = lines
                rows.add(self.rows[i])
        changed = set()
        for row in rows:
            height = max((self.lines[i] for i in self.in_row[row]), default=1)
            if height != self.heights[row]:
                changed.add(row)
            self.total += height - self.heights[row]
            self.heights[row] = height
        return changed

    def touched_by(self, column: int, rows: set[int]) -> set[int]:
        """The columns whose :meth:`total_if` may differ after ``column`` changed and ``rows`` grew:
        those under a box over ``column``, or with a box in one of the rows."""
        columns: set[int] = set()
        for i in self.over_column[column]:
            columns.update(self.columns[i])
        for row in rows:
            for i in self.in_row[row]:
                columns.update(self.columns[i])
        return columns


def _column_widths(boxes: Sequence[Box], n_rows: int, n_columns: int, width: int) -> list[int]:
    # The search below is the costly part of drawing a table, and its result depends only on the
    # labels and on the widest count of each column: a count never wraps (a column is never
    # narrower than its widest unbreakable piece), so a narrower one there changes no width and no
    # row's height, and a blank cell changes nothing at all. Keyed so, reports of one format share
    # it, whatever their numbers and blanks; the labels' part of the key is one object for all of
    # them, so that the cache holds a tuple of widths a report, not a copy of the table.
    widest = [0] * n_columns
    kept = []
    for box in boxes:
        if box.colspan == 1 and _is_count(box.text):
            widest[box.column] = max(widest[box.column], len(box.text))
        elif box.text:
            text = "9" * len(box.text) if _is_count(box.text) else box.text
            kept.append((box.row, box.column, box.rowspan, box.colspan, text))
    labels = _one_copy(tuple(kept))
    return list(_cached_widths(labels, tuple(widest), n_rows, n_columns, width))


_Shapes = tuple[tuple[int, int, int, int, str], ...]


@lru_cache(maxsize=32)
def _one_copy(labels: _Shapes) -> _Shapes:
    """The first of equal keys, kept: tables of one layout share it."""
    return labels


def _is_count(text: str) -> bool:
    return text.isascii() and text.isdigit()


@lru_cache(maxsize=512)
def _cached_widths(
    labels: _Shapes, widest: tuple[int, ...], n_rows: int, n_columns: int, width: int
) -> tuple[int, ...]:
    boxes = [Box(row=r, column=c, rowspan=rs, colspan=cs, text=text) for r, c, rs, cs, text in labels]
    return _searched_widths(boxes, n_rows, n_columns, width, widest)


def _searched_widths(
    boxes: Sequence[Box], n_rows: int, n_columns: int, width: int, widest: Sequence[int]
) -> tuple[int, ...]:
    """The column widths that fit the table in ``width`` with the fewest lines; ``widest`` gives
    each column's widest count, for counts not among ``boxes`` (a count is as wide as its digits)."""
    need = [max(1, count) for count in widest]
    floor = list(need)
    for box in boxes:
        if box.colspan == 1:
            need[box.column] = max(need[box.column], display_width(box.text))
            floor[box.column] = max(floor[box.column], min_width(box.text))
    available = width - (3 * n_columns + 1)
    # No column starts wider than the whole table may be: the search narrows one column by one
    # character a step, and a cell holding a page of text would otherwise take thousands of steps.
    widths = [max(floor[c], min(need[c], available)) for c in range(n_columns)]
    heights = _Heights(boxes, widths, n_rows)
    # Narrow one column at a time, always the one whose narrowing adds the fewest lines (the
    # widest on a tie), until the table fits or no column can get narrower. What narrowing a
    # column would add is kept from step to step until a change touches that column: most steps
    # wrap no box anew, and the search then costs one column a step, not all of them.
    added: list[int | None] = [None] * n_columns
    while sum(widths) > available:
        best: tuple[int, int, int] | None = None
        for c in range(n_columns):
            if widths[c] <= floor[c]:
                continue
            cost = added[c]
            if cost is None:
                cost = added[c] = heights.total_if(c, -1) - heights.total
            candidate = (cost, -widths[c], c)
            if best is None or candidate < best:
                best = candidate
        if best is None:
            break  # cannot fit: the table is wider than asked, but nothing is cut
        grown = heights.change(best[2], -1)
        for c in heights.touched_by(best[2], grown):
            added[c] = None
    for box in boxes:
        if box.colspan > 1:
            shortfall = min_width(box.text) - _span_width(widths, box)
            if shortfall > 0:
                widths[box.column + box.colspan - 1] += shortfall
    return tuple(widths)


def _span_width(widths: list[int], box: Box) -> int:
    return sum(widths[box.column : box.column + box.colspan]) + 3 * (box.colspan - 1)


@lru_cache(maxsize=8192)
def _wrapped(text: str, width: int) -> tuple[str, ...]:
    return tuple(wrap(text, width)) if text else ("",)


# Bounded small: the labels' lines are what repeat; a batch's numbers would fill a large cache with
# lines seen once (a worker's memory must not grow with the reports it renders).
@lru_cache(maxsize=4096)
def _placed(line: str, width: int, align: str) -> tuple[str, ...]:
    """A line padded to ``width`` as the canvas holds it: one entry a column, a wide character's
    second column the empty string."""
    placed: list[str] = []
    for char in pad(line, width, align):
        placed.append(char)
        if char_width(char) == 2:
            placed.append("")  # the wide character covers this column
    return tuple(placed)


Geometry = tuple[tuple[int, int, int, int], ...]


@lru_cache(maxsize=512)
def _frame(geometry: Geometry, widths: tuple[int, ...], heights: tuple[int, ...]) -> tuple[tuple[str, ...], ...]:
    """The table's borders (``+ - |``) with blank insides: one entry a column, as the canvas holds it.
    It depends on the boxes' places and the sizes only, which most tables drawn share."""
    xs = [0]
    for w in widths:
        xs.append(xs[-1] + w + 3)
    ys = [0]
    for h in heights:
        ys.append(ys[-1] + h + 1)
    horizontal = [[False] * (xs[-1] + 1) for _ in range(ys[-1] + 1)]
    vertical = [[False] * (xs[-1] + 1) for _ in range(ys[-1] + 1)]
    for row, column, rowspan, colspan in geometry:
        top, bottom = ys[row], ys[row + rowspan]
        left, right = xs[column], xs[column + colspan]
        for x in range(left, right + 1):
            horizontal[top][x] = horizontal[bottom][x] = True
        for y in range(top, bottom + 1):
            vertical[y][left] = vertical[y][right] = True
    return tuple(
        tuple(
            "+" if across and down else "-" if across else "|" if down else " "
            for across, down in zip(horizontal[y], vertical[y], strict=True)
        )
        for y in range(ys[-1] + 1)
    )


def render_table(boxes: Sequence[Box], n_rows: int, n_columns: int, width: int) -> str:
    """The table as lines of text, at most ``width`` columns wide where the content allows."""
    widths = _column_widths(boxes, n_rows, n_columns, width)
    spans = [_span_width(widths, box) for box in boxes]
    wrapped = [_wrapped(box.text, span) for box, span in zip(boxes, spans, strict=True)]
    heights = [1] * n_rows
    for index in sorted(range(len(boxes)), key=lambda i: boxes[i].rowspan):
        box, lines = boxes[index], len(wrapped[index])
        room = sum(heights[box.row : box.row + box.rowspan]) + (box.rowspan - 1)
        if lines > room:
            heights[box.row + box.rowspan - 1] += lines - room
    geometry = tuple((box.row, box.column, box.rowspan, box.colspan) for box in boxes)
    canvas = [list(row) for row in _frame(geometry, tuple(widths), tuple(heights))]
    xs = [0]
    for w in widths:
        xs.append(xs[-1] + w + 3)
    ys = [0]
    for h in heights:
        ys.append(ys[-1] + h + 1)
    for box, box_lines, span in zip(boxes, wrapped, spans, strict=True):
        top, bottom = ys[box.row], ys[box.row + box.rowspan]
        first = top + 1 + (bottom - top - 1 - len(box_lines)) // 2  # vertically centred
        x = xs[box.column] + 2
        for i, line in enumerate(box_lines):
            placed = _placed(line, span, box.align)
            canvas[first + i][x : x + len(placed)] = placed
    return "\n".join("".join(row).rstrip() for row in canvas)
