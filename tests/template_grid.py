"""Reading the official template's tables (tests/fixtures/official-template-2021.docx) as grids.

Shared by the tests that compare a rendering with the template: the spec (test_spec.py) and
the HTML tables (test_html.py).
"""

from __future__ import annotations

from pathlib import Path

from docx.oxml.ns import qn

TEMPLATE = Path(__file__).parent / "fixtures" / "official-template-2021.docx"

Cell = tuple[int, int, int, int, str]  # row, column, rowspan, colspan, text


def _cell_text(tc) -> str:
    # Labels broken over lines in the template (商业/企业) are one label.
    return "".join(t.text or "" for t in tc.iter(qn("w:t"))).strip().strip("\u3000")


def template_grid(table) -> set[Cell]:
    """Every cell of a Word table with its spans, read from w:gridSpan and w:vMerge."""
    cells: dict[tuple[int, int], list] = {}
    open_above: dict[int, tuple[int, int]] = {}  # grid column -> origin of a vertical merge
    for r, tr in enumerate(table._tbl.iterchildren(qn("w:tr"))):
        column = 0
        for tc in tr.iterchildren(qn("w:tc")):
            props = tc.find(qn("w:tcPr"))
            grid_span = props.find(qn("w:gridSpan")) if props is not None else None
            span = int(grid_span.get(qn("w:val"))) if grid_span is not None else 1
            merge = props.find(qn("w:vMerge")) if props is not None else None
            v_merge = None if merge is None else (merge.get(qn("w:val")) or "continue")
            if v_merge == "continue":
                origin = open_above[column]
                cells[origin][2] += 1
            else:
                cells[(r, column)] = [r, column, 1, span, _cell_text(tc)]
                if v_merge == "restart":
                    open_above[column] = (r, column)
                else:
                    open_above.pop(column, None)
            column += span
    return {tuple(cell) for cell in cells.values()}  # type: ignore[misc]


def template_widths(table) -> tuple[int, ...]:
    """The widths of the table's grid columns (w:gridCol, twentieths of a point)."""
    return tuple(int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iterchildren(qn("w:gridCol")))
