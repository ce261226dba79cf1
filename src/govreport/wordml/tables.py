"""The three statistics tables as WordprocessingML, drawn from the spec's grid.

The grid, spans and labels are the spec's, which reproduces the official template cell for
cell; each row is written once, left to right, with ``w:gridSpan`` for a cell spanning columns
and ``w:vMerge`` for one spanning rows (restart in its first row, continue below), which is how
Word itself stores merged cells. Column widths keep the template's proportions, scaled so the
table is exactly as wide as the text area; the layout is fixed so no reader widens it. The
template's look comes along: its blue shading of table 二's block captions, row labels centred
under their column header in table 二 and left-aligned in table 三, values centred.

Each of the three tables fits on one page, so each is kept on one: every row is kept with the
next (``w:keepNext`` on its paragraphs, which Word and LibreOffice honour for table rows), and the
section heading above is kept with the table. A table that does not fit below the text before it
starts on the next page with its heading, instead of leaving its header and a row or two at the
foot of a page and a label merged over many rows cut in two. Should a table still need more
than a page (a reference document with large table text), rows never split and the header rows
repeat on the next page.
"""

from __future__ import annotations

from collections.abc import Mapping

from govreport.exporting import row_labels_centred
from govreport.spec import GridCell, GridRole, TableSpec
from govreport.wordml.styles import TEXT_WIDTH
from govreport.wordml.xmltext import attribute, run

#: A row is at least 6 mm high, as in the official template; labels wrap to more lines as needed.
ROW_HEIGHT = 340
#: The template's shading of table 二's block captions.
GROUP_FILL = "C6D9F1"


def column_widths(spec: TableSpec, total: int = TEXT_WIDTH) -> tuple[int, ...]:
    """The template's column widths scaled to ``total`` twips, rounding errors given to the widest."""
    scale = total / sum(spec.grid_widths)
    widths = [round(width * scale) for width in spec.grid_widths]
    widest = widths.index(max(widths))
    widths[widest] += total - sum(widths)
    return tuple(widths)


def _justify(cell: GridCell, centred_labels: bool) -> str | None:
    """Alignment when it differs from the table text style's centre."""
    if cell.role in (GridRole.GROUP, GridRole.CORNER):
        return "left"
    if cell.role is GridRole.ROW_HEADER and not centred_labels:
        return "left"
    return None


def _cell(
    width: int,
    text: str,
    *,
    span: int,
    merge: str | None,
    justify: str | None,
    fill: str | None,
    style: str,
    keep_with_next: bool,
) -> str:
    # The children of w:tcPr in the schema's order: tcW, gridSpan, vMerge, shd, vAlign.
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        props += "<w:vMerge/>"
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    props += '<w:vAlign w:val="center"/>'
    paragraph_props = f'<w:pStyle w:val="{attribute(style)}"/>'
    if keep_with_next:
        paragraph_props += "<w:keepNext/>"
    if justify:
        paragraph_props += f'<w:jc w:val="{justify}"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:pPr>{paragraph_props}</w:pPr>{run(text)}</w:p></w:tc>"


def table_xml(spec: TableSpec, values: Mapping[tuple[str, str], str], *, text_style: str, table_style: str) -> str:
    """The table with ``values`` (printed text by (row key, column key)) in its value cells."""
    widths = column_widths(spec)
    centred_labels = row_labels_centred(spec)
    last_row = spec.n_rows - 1
    # Which grid cell covers each position below its first row (a vertical merge continues there).
    below: dict[tuple[int, int], GridCell] = {
        (r, cell.column): cell for cell in spec.grid for r in range(cell.row + 1, cell.row + cell.rowspan)
    }
    rows = []
    for r, starting in enumerate(spec.grid_rows):
        by_column = {cell.column: cell for cell in starting}
        cells = []
        column = 0
        while column < spec.n_columns:
            cell = by_column.get(column)
            merge: str | None
            if cell is not None:
                text = values.get(cell.value, "") if cell.value is not None else cell.text
                merge = "restart" if cell.rowspan > 1 else None
            else:
                cell = below[(r, column)]
                text, merge = "", "continue"
            width = sum(widths[column : column + cell.colspan])
            cells.append(
                _cell(
                    width,
                    text,
                    span=cell.colspan,
                    merge=merge,
                    justify=_justify(cell, centred_labels),
                    fill=GROUP_FILL if cell.role is GridRole.GROUP else None,
                    style=text_style,
                    keep_with_next=r < last_row,
                )
            )
            column += cell.colspan
        header = "<w:tblHeader/>" if r < spec.header_rows else ""
        rows.append(
            f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{ROW_HEIGHT}" w:hRule="atLeast"/>{header}</w:trPr>'
            f"{''.join(cells)}</w:tr>"
        )
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{attribute(table_style)}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="1" w:noVBand="1"/>'
        f'<w:tblCaption w:val="{attribute(spec.caption)}"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )
