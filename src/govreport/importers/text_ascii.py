"""A table in the text exporter's ASCII drawing, read back cell by cell."""

from __future__ import annotations

from collections.abc import Sequence

from govreport.exporters.text import compact_layout, official_layout
from govreport.findings import Finding, Location, Severity
from govreport.importers.text_grid import is_grid_line, read_grid
from govreport.importers.text_lines import Line
from govreport.importers.text_sections import compact
from govreport.importers.text_tables import TableText, read_cell
from govreport.model import Cell, Paragraph, StatisticsTable


def read_ascii_table(cls: type[StatisticsTable], lines: Sequence[Line], blank: str = "") -> TableText:
    spec = cls.SPEC
    drawing = [line.text for line in lines if is_grid_line(line.text)]
    notes = tuple(Paragraph(text=line.stripped) for line in lines if not is_grid_line(line.text))
    findings: list[Finding] = []
    empty = cls()
    for layout in (official_layout(empty), compact_layout(empty)):
        texts = read_grid(drawing, layout.boxes, layout.n_rows, layout.n_columns)
        if texts is None:
            continue
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
        return TableText(cells=cells, notes=notes, findings=tuple(findings))
    findings.append(
        Finding(
            rule="import.table_unreadable",
            severity=Severity.WARNING,
            message=f"第{spec.number}部分的表格线框无法与格式对应，表格各单元格按空白处理",
            location=Location(section=spec.key, table=spec.key, source=f"line {lines[0].number}" if lines else None),
        )
    )
    return TableText(cells={}, notes=notes, findings=tuple(findings))
