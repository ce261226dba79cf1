"""The ``text`` exporter: the whole report as plain UTF-8 text, tables drawn in ASCII."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

import attrs

from govreport.errors import ReportValidationError
from govreport.exporters.text_annotations import annotate
from govreport.exporters.text_table import Box, render_table
from govreport.exporting import (
    block_text,
    cell_text as shown_text,
    encode_utf8,
    format_date,
    part_lines,
    refuse_surrogates,
    terminal_safe,
    title_lines,
)
from govreport.formats import Exporter, ExportOption
from govreport.hookspecs import hookimpl
from govreport.model import Block, Cell, Report, StatisticsTable
from govreport.spec import SECTION_INDEX, GridCell, GridRole, TableSpec
from govreport.templating import render
from govreport.textwidth import display_width, pad

DEFAULT_WIDTH = 100


#: What a cell's kept text cannot hold in a drawing: a reader takes "|" (and a tab) for a cell's
#: edge, and one more edge in a row moves its numbers into the next column.
_CELL_EDGES = str.maketrans({"|": "¦", "\t": " "})


def cell_text(cell: Cell, blank: str) -> str:
    """What a value box shows; a "|" in a cell's kept text drawn as "¦" (as wide), a tab as a space."""
    text = shown_text(cell, blank)
    return text.translate(_CELL_EDGES) if "|" in text or "\t" in text else text


@attrs.frozen(kw_only=True)
class TableLayout:
    """A table as boxes to draw, and which value each value box shows."""

    boxes: tuple[Box, ...]
    n_rows: int
    n_columns: int
    addresses: dict[tuple[int, int], tuple[str, str]]  # (grid row, grid column) of a value box


@functools.lru_cache(maxsize=32)
def _official_boxes(spec: TableSpec) -> tuple[tuple[Box | None, ...], tuple[GridCell, ...]]:
    """The official grid's label boxes (None where a value goes), and its value cells, in grid order."""
    boxes: list[Box | None] = []
    values = []
    for grid_cell in spec.grid:
        if grid_cell.value is not None:
            boxes.append(None)
            values.append(grid_cell)
            continue
        align = "left" if grid_cell.role is GridRole.ROW_HEADER else "center"
        boxes.append(
            Box(
                row=grid_cell.row,
                column=grid_cell.column,
                text=grid_cell.text,
                rowspan=grid_cell.rowspan,
                colspan=grid_cell.colspan,
                align=align,
            )
        )
    return tuple(boxes), tuple(values)


def official_layout(table: StatisticsTable, blank: str = "") -> TableLayout:
    """The table exactly as the official template lays it out."""
    labels, value_cells = _official_boxes(table.SPEC)
    values = iter(value_cells)
    boxes = []
    addresses = {}
    for label in labels:
        if label is not None:
            boxes.append(label)
            continue
        grid_cell = next(values)
        assert grid_cell.value is not None
        addresses[(grid_cell.row, grid_cell.column)] = grid_cell.value
        boxes.append(
            Box(
                row=grid_cell.row,
                column=grid_cell.column,
                text=cell_text(table[grid_cell.value], blank),
                rowspan=grid_cell.rowspan,
                colspan=grid_cell.colspan,
                align="right",
            )
        )
    return TableLayout(
        boxes=tuple(boxes), n_rows=table.SPEC.n_rows, n_columns=table.SPEC.n_columns, addresses=addresses
    )


def compact_layout(table: StatisticsTable, blank: str = "") -> TableLayout:
    """Rows × columns with row groups as spanning labels: table 四 as 3 × 5 instead of 1 × 15."""
    spec: TableSpec = table.SPEC
    depth = max(len(row.groups) for row in spec.rows) + 1
    columns = spec.columns
    boxes = [Box(row=0, column=0, text="", colspan=depth)]
    boxes += [Box(row=0, column=depth + i, text=c.label, align="center") for i, c in enumerate(columns)]
    addresses = {}
    for r, row in enumerate(spec.rows, start=1):
        for level, group in enumerate(row.groups):
            previous = spec.rows[r - 2] if r > 1 else None
            if previous is not None and previous.groups[: level + 1] == row.groups[: level + 1]:
                continue
            span = sum(1 for later in spec.rows[r - 1 :] if later.groups[: level + 1] == row.groups[: level + 1])
            boxes.append(Box(row=r, column=level, text=group, rowspan=span))
        boxes.append(Box(row=r, column=len(row.groups), text=row.label, colspan=depth - len(row.groups)))
        for i, column in enumerate(columns):
            address = (row.key, column.key)
            if address in spec.cell_index:
                text = cell_text(table[address], blank)
                addresses[(r, depth + i)] = address
            else:
                text = "/"  # no such cell in the official table
            boxes.append(Box(row=r, column=depth + i, text=text, align="right"))
    return TableLayout(
        boxes=tuple(boxes), n_rows=len(spec.rows) + 1, n_columns=depth + len(columns), addresses=addresses
    )


def choose_layout(table: StatisticsTable, width: int, blank: str = "") -> TableLayout:
    """The official layout, or rows × columns for a one-row table whose official layout is too wide."""
    spec = table.SPEC
    official = official_layout(table, blank)
    widest: list[int | None] = [None] * spec.n_columns  # None: no single-column box (counts as 1)
    for box in official.boxes:
        if box.colspan == 1:
            shown = display_width(box.text)
            known = widest[box.column]
            widest[box.column] = shown if known is None else max(known, shown)
    natural = sum((1 if column is None else column) + 3 for column in widest)
    if natural + 1 > width and spec.n_rows <= spec.header_rows + 1:
        return compact_layout(table, blank)
    return official


def draw_table(table: StatisticsTable, width: int, blank: str = "") -> str:
    layout = choose_layout(table, width, blank)
    return render_table(layout.boxes, layout.n_rows, layout.n_columns, width)


def render_text(
    report: Report,
    *,
    width: int = DEFAULT_WIDTH,
    blank: str = "",
    template_dir: Path | None = None,
    annotations: bool = False,
) -> bytes:
    def centre(text: str) -> str:
        return pad(text, width, "center").rstrip()

    def right(text: str) -> str:
        return pad(text, width, "right")

    def table(t: StatisticsTable) -> str:
        return draw_table(t, width, blank)

    def lines_of(blocks: Sequence[Block]) -> list[str]:
        return [block_text(block) for block in blocks]

    helpers = {
        "centre": centre,
        "right": right,
        "table": table,
        "lines_of": lines_of,
        "part_lines": part_lines,
        "format_date": format_date,
        "title_lines": title_lines,
    }

    def render_report(report: Report) -> str:
        context = {"report": report, "width": width, "sections": SECTION_INDEX, **helpers}
        return terminal_safe(render("text", "report.txt.j2", context, template_dir=template_dir))

    if not annotations:
        return encode_utf8(render_report(report), report, "text")
    try:
        text = annotate(report, render_report)
    except ReportValidationError:  # the block is the report's JSON, which refuses lone surrogates
        refuse_surrogates(report, "text")
        raise
    return encode_utf8(text, report, "text")


TEXT = Exporter(
    name="text",
    description="Plain UTF-8 text; tables in ASCII, aligned by display width",
    extension=".txt",
    media_type="text/plain; charset=utf-8",
    render=render_text,
    options=(
        ExportOption(name="width", type="int", default=DEFAULT_WIDTH, minimum=40, help="line width in display columns"),
        ExportOption(name="blank", type="str", default="", help="how a blank table cell is shown"),
        ExportOption(name="template_dir", type="path", help="directory of templates that override the defaults"),
        ExportOption(
            name="annotations",
            type="bool",
            default=False,
            help="append the block that lets govreport read this text back exactly (the text alone by default)",
        ),
    ),
)


@hookimpl
def register_exporters() -> list[Exporter]:
    return [TEXT]
