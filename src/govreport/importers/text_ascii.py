"""A table in the text exporter's ASCII drawing, read back cell by cell."""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from govreport.exporters.text import compact_layout, official_layout
from govreport.findings import Finding, Location
from govreport.importers.text_grid import is_grid_line, read_grid
from govreport.model import Cell, Paragraph, StatisticsTable
from govreport.reading.catalog import finding
from govreport.reading.chinese import compact
from govreport.reading.document import TextLine
from govreport.reading.flat_tables import read_flat_table
from govreport.reading.tables import TableRead, read_cell

_RULES = frozenset("+-| ")
_RULE = re.compile(r"[+-]{2,}")  # a piece of a horizontal rule, beside a cell spanning it


def read_ascii_table(cls: type[StatisticsTable], lines: Sequence[TextLine], blank: str = "") -> TableRead:
    spec = cls.SPEC
    grid_lines = [line for line in lines if is_grid_line(line.text)]
    drawing = [line.text for line in grid_lines]
    notes = [Paragraph(text=line.stripped) for line in lines if not is_grid_line(line.text)]
    findings: list[Finding] = []
    empty = cls()
    for layout in (official_layout(empty), compact_layout(empty)):
        grid = read_grid(drawing, layout.boxes, layout.n_rows, layout.n_columns)
        if grid is None:
            continue
        texts = grid.texts
        labels_agree = all(
            compact(texts[(box.row, box.column)]) == compact(box.text)
            for box in layout.boxes
            if (box.row, box.column) not in layout.addresses and box.text != "/"
        )
        if not labels_agree:
            continue
        cells: dict[tuple[str, str], Cell] = {}
        for position, address in layout.addresses.items():
            text = texts[position]
            cell = Cell.blank() if blank and text == blank else read_cell(text, spec, address, findings)
            cells[address] = cell
        for y, text in grid.outside.items():
            # Typed over a rule or beyond the right edge: no cell holds it, so a note does.
            notes.append(Paragraph(text=text))
            findings.append(
                finding(
                    "import.text_unplaced",
                    f"表格线框外的文字“{text}”不属于任何单元格，已作为表注保留",
                    Location(section=spec.key, table=spec.key, source=grid_lines[y].origin.source),
                    found=text,
                )
            )
        return TableRead(cells=cells, notes=tuple(notes), findings=tuple(findings))
    # The drawing was edited out of shape: its rows are still rows of cells between "|", which the
    # label reader places by their labels (and whatever it cannot place, it reports).
    unruled = [attrs.evolve(line, text=_RULE.sub("|", line.text)) for line in lines]
    by_labels = read_flat_table(spec, [line for line in unruled if not set(line.text) <= _RULES])
    findings.append(
        finding(
            "import.table_unreadable",
            f"第{spec.number}部分的表格线框无法与格式对应，已按各行的标签读取，请核对",
            Location(section=spec.key, table=spec.key, source=lines[0].origin.source if lines else None),
        )
    )
    return TableRead(cells=by_labels.cells, notes=by_labels.notes, findings=(*findings, *by_labels.findings))
