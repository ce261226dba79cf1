"""Grids that are one table printed in two pieces, joined before the tables are looked for.

A web page or a Word file sometimes holds one of the tables as two (the header in one, the
rows in the next, or a table split where a page once broke). Two grids that follow each other
with nothing but empty lines between them, have as many columns, and read as more of one of
the format's tables together than either does alone, are one table. (A PDF's tables continued
on the next page are joined by the PDF parser, which knows the pages.)
"""

from __future__ import annotations

from govreport.findings import Finding, Location
from govreport.reading.catalog import finding
from govreport.reading.document import Block, Document, Grid, GridCell, TextLine
from govreport.reading.grid_tables import score
from govreport.spec import TABLES


def stack(upper: Grid, lower: Grid) -> Grid:
    """The rows of ``lower`` under those of ``upper``; the columns are the wider grid's."""
    moved = tuple(
        GridCell(
            row=cell.row + upper.n_rows,
            column=cell.column,
            rowspan=cell.rowspan,
            colspan=cell.colspan,
            text=cell.text,
            origin=cell.origin,
        )
        for cell in lower.cells
    )
    return Grid(
        cells=upper.cells + moved,
        n_rows=upper.n_rows + lower.n_rows,
        n_columns=max(upper.n_columns, lower.n_columns),
        origin=upper.origin,
    )


def _best(grid: Grid) -> float:
    return max(score(spec, grid) for spec in TABLES)


def join_grids(document: Document, findings: list[Finding]) -> Document:
    """The document with each table that was printed in two grids as one grid."""
    blocks: list[Block] = []
    last_grid: int | None = None  # index in ``blocks`` of a grid with only empty lines after it
    changed = False
    for block in document.blocks:
        if isinstance(block, TextLine):
            if block.stripped:
                last_grid = None
            blocks.append(block)
            continue
        if last_grid is not None:
            upper = blocks[last_grid]
            assert isinstance(upper, Grid)
            if upper.n_columns == block.n_columns:
                joined = stack(upper, block)
                if _best(joined) > max(_best(upper), _best(block)):
                    blocks[last_grid] = joined
                    del blocks[last_grid + 1 :]  # the empty lines between them
                    changed = True
                    findings.append(
                        finding(
                            "import.table_joined",
                            "两个相邻的表格是同一张表的两部分，已合并读取",
                            Location(source=upper.origin.source),
                        )
                    )
                    continue
        blocks.append(block)
        last_grid = len(blocks) - 1
    if not changed:
        return document
    return Document(blocks=tuple(blocks), findings=document.findings, wrapped=document.wrapped, kind=document.kind)
