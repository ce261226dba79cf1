"""The ``text`` exporter: the whole report as plain UTF-8 text, tables drawn in ASCII."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from govreport.exporters.text_table import Box, render_table
from govreport.formats import Exporter, ExportOption
from govreport.hookspecs import hookimpl
from govreport.model import Block, Cell, Heading, Item, Paragraph, Report, StatisticsTable
from govreport.model.report import RemediationPart
from govreport.spec import SECTION_INDEX, GridRole, TableSpec, report_title
from govreport.templating import render
from govreport.textwidth import display_width, pad

DEFAULT_WIDTH = 100


def format_date(date: dt.date | None) -> str:
    """2023年1月29日: Arabic digits, no leading zeros."""
    return "" if date is None else f"{date.year}年{date.month}月{date.day}日"


def block_text(block: Block) -> str:
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, Heading | Item):
        return block.full_text
    raise TypeError(f"not a block: {block!r}")


def cell_text(cell: Cell, blank: str) -> str:
    if cell.is_number:
        return str(cell)
    if cell.is_not_applicable:
        return cell.raw or "/"
    return cell.raw if cell.raw is not None else blank


def _official_boxes(table: StatisticsTable, blank: str) -> list[Box]:
    boxes = []
    for grid_cell in table.SPEC.grid:
        if grid_cell.role is GridRole.VALUE:
            assert grid_cell.value is not None
            text, align = cell_text(table[grid_cell.value], blank), "right"
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
    return boxes


def _compact_boxes(table: StatisticsTable, blank: str) -> tuple[list[Box], int, int]:
    """Rows × columns with row groups as spanning labels: table 四 as 3 × 5 instead of 1 × 15."""
    spec: TableSpec = table.SPEC
    depth = max(len(row.groups) for row in spec.rows) + 1
    columns = spec.columns
    boxes = [Box(row=0, column=0, text="", colspan=depth)]
    boxes += [Box(row=0, column=depth + i, text=c.label, align="center") for i, c in enumerate(columns)]
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
            text = cell_text(table[address], blank) if address in spec.cell_index else "/"
            boxes.append(Box(row=r, column=depth + i, text=text, align="right"))
    return boxes, len(spec.rows) + 1, depth + len(columns)


def draw_table(table: StatisticsTable, width: int, blank: str = "") -> str:
    """The table in its official layout, or as rows × columns when the official one is too wide."""
    spec = table.SPEC
    boxes = _official_boxes(table, blank)
    natural = sum(
        max((display_width(b.text) for b in boxes if b.column == c and b.colspan == 1), default=1) + 3
        for c in range(spec.n_columns)
    )
    if natural + 1 > width and spec.n_rows <= spec.header_rows + 1:
        compact, n_rows, n_columns = _compact_boxes(table, blank)
        return render_table(compact, n_rows, n_columns, width)
    return render_table(boxes, spec.n_rows, spec.n_columns, width)


def title_lines(report: Report) -> list[str]:
    meta = report.metadata
    if meta.title is None or meta.title == report_title(meta.issuing_body, meta.year):
        # As published: the body's name on the first line, the title proper on the second.
        return [meta.issuing_body, report_title("", meta.year)]
    return [meta.title]


def part_lines(part: RemediationPart[Any]) -> list[str]:
    """One part of section 五: heading, introduction, items (run into one paragraph if so written)."""
    lines = [part.heading.full_text] if part.heading is not None else []
    intro = [block_text(block) for block in part.intro]
    items = [f"{item.number}{getattr(item, 'problem', '')}{item.text}" for item in part.items]
    if part.run_in and items:
        lead = intro.pop() if intro and isinstance(part.intro[-1], Paragraph) else ""
        return lines + intro + [lead + "".join(items)]
    return lines + intro + items


def render_text(
    report: Report,
    *,
    width: int = DEFAULT_WIDTH,
    blank: str = "",
    template_dir: Path | None = None,
) -> bytes:
    if width < 40:
        from govreport.formats import OptionError

        raise OptionError(f"option 'width' of format 'text' must be at least 40, got {width}")

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
    context = {"report": report, "width": width, "sections": SECTION_INDEX, **helpers}
    text = render("text", "report.txt.j2", context, template_dir=template_dir)
    return text.encode("utf-8")


TEXT = Exporter(
    name="text",
    description="Plain UTF-8 text; tables in ASCII, aligned by display width",
    extension=".txt",
    media_type="text/plain; charset=utf-8",
    render=render_text,
    options=(
        ExportOption(name="width", type="int", default=DEFAULT_WIDTH, help="line width in display columns"),
        ExportOption(name="blank", type="str", default="", help="how a blank table cell is shown"),
        ExportOption(name="template_dir", type="path", help="directory of templates that override the defaults"),
    ),
)


@hookimpl
def register_exporters() -> list[Exporter]:
    return [TEXT]
