"""The ``text`` exporter: the whole report as plain UTF-8 text, tables drawn in ASCII."""

from __future__ import annotations

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
from govreport.spec import SECTION_INDEX, GridRole, TableSpec
from govreport.templating import render
from govreport.textwidth import display_width, pad

DEFAULT_WIDTH = 100


#: What a cell's kept text cannot hold in a drawing: a reader takes "|" (and a tab) for a cell's
#: edge, and one more edge in a row moves its numbers into the next column.
_CELL_EDGES = str.maketrans({"|": "¦", "\t": " "})


def cell_text(cell: Cell, blank: str) -> str:
    """What a value box shows; a "|" in a cell's kept text drawn as "¦" (as wide), a tab as a space."""
    return shown_text(cell, blank).translate(_CELL_EDGES)


@attrs.frozen(kw_only=True)
class TableLayout:
    """A table as boxes to draw, and which value each value box shows."""

    boxes: tuple[Box, ...]
    n_rows: int
    n_columns: int
    addresses: dict[tuple[int, int], tuple[str, str]]  # (grid row, grid column) of a value box


def official_layout(table: StatisticsTable, blank: str = "") -> TableLayout:
    """The table exactly as the official template lays it out."""
    boxes = []
    addresses = {}
    for grid_cell in table.SPEC.grid:
        if grid_cell.value is not None:
            text, align = cell_text(table[grid_cell.value], blank), "right"
            addresses[(grid_cell.row, grid_cell.column)] = grid_cell.value
        else:
            text = grid_cell.text
            align = "left" if grid_cell.role is GridRole.ROW_HEADER else "center"
        boxes.append(
            Box(
                row=grid_cell.row,
                column=grid_cell.column,
                text=text,
                rowspan=grid_cell.rowspan,
                colspan=grid_cell.colspan,
                align=align,
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
    natural = sum(
        max((display_width(b.text) for b in official.boxes if b.column == c and b.colspan == 1), default=1) + 3
        for c in range(spec.n_columns)
    )
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
