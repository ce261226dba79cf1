"""The three tables of an imported document: values read as cells, and findings for what is not.

A value is read with :meth:`Cell.from_text` (a number, a not-applicable mark, or a blank that
keeps its text); a cell whose text is neither a number nor a mark stays blank with its text and
a finding. A value the labels cannot place, a table that is not there and any text in a table
that is neither a label nor a value are findings too, never a silent loss.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from govreport.findings import Finding, Location, Severity
from govreport.model import TABLE_TYPES, Cell, StatisticsTable
from govreport.spec import TABLES
from govreport.wordml.body import Table
from govreport.wordml.grid import Located

#: A cell the structure record restores: printed text → the cell, by table, then "row/column".
Overrides = Mapping[str, Mapping[str, tuple[str, Cell]]]


def _where(table: Table, row: int | None = None, column: int | None = None) -> str:
    where = f"table at position {table.position}"
    if row is not None and column is not None:
        where += f", row {row + 1}, column {column + 1}"
    return where


def build_tables(
    located: Mapping[str, Located], overrides: Overrides, findings: list[Finding], *, report_empty: bool
) -> dict[str, StatisticsTable]:
    tables: dict[str, StatisticsTable] = {}
    for spec in TABLES:
        cls = TABLE_TYPES[spec.key]
        found = located.get(spec.key)
        if found is None:
            findings.append(
                Finding(
                    rule="import.table_missing",
                    severity=Severity.WARNING,
                    message=f"没有找到表{spec.number}（{spec.caption}），其数据按空白处理",
                    location=Location(section=spec.key, table=spec.key),
                )
            )
            tables[spec.key] = cls()
            continue
        restored = overrides.get(spec.key, {})
        values: dict[tuple[str, str], Any] = {}
        for cell_spec in spec.cells:
            address = (cell_spec.row, cell_spec.column)
            location = Location(section=spec.key, table=spec.key, row=cell_spec.row, column=cell_spec.column)
            if address not in found.values:
                continue  # reported below, with the other missing cells
            text = found.values[address]
            override = restored.get(f"{cell_spec.row}/{cell_spec.column}")
            if override is not None and override[0] == text:
                values[address] = override[1]
                continue
            cell = Cell.from_text(text, cell_spec.kind)
            values[address] = cell
            if cell.is_blank and cell.raw is not None:
                findings.append(
                    Finding(
                        rule="import.cell_unreadable",
                        severity=Severity.WARNING,
                        message=f"表{spec.number}的单元格“{cell.raw}”不是数字，按空白保留原文",
                        location=location,
                        found=cell.raw,
                    )
                )
        for row, column in found.missing:
            findings.append(
                Finding(
                    rule="import.cell_missing",
                    severity=Severity.WARNING,
                    message=f"表{spec.number}中找不到这个单元格（行或列的标签不在表中），按空白处理",
                    location=Location(section=spec.key, table=spec.key, row=row, column=column),
                )
            )
        for leftover in found.leftovers:
            findings.append(
                Finding(
                    rule="import.table_text_unplaced",
                    severity=Severity.WARNING,
                    message=f"表{spec.number}中有既不是标签也不是数据的内容，没有导入",
                    location=Location(
                        section=spec.key, table=spec.key, source=_where(found.table, leftover.row, leftover.column)
                    ),
                    found=leftover.text,
                )
            )
        for label_cell, label in found.longer:
            extra = label_cell.text.replace(label, "", 1).strip() if label in label_cell.text else label_cell.text
            findings.append(
                Finding(
                    rule="import.table_text_unplaced",
                    severity=Severity.WARNING,
                    message=f"表{spec.number}中的标签“{label_cell.text}”比格式中的“{label}”多出文字，多出的部分没有导入",
                    location=Location(
                        section=spec.key, table=spec.key, source=_where(found.table, label_cell.row, label_cell.column)
                    ),
                    found=extra,
                )
            )
        table = cls.from_values(values)
        if report_empty and all(cell.is_blank and cell.raw is None for cell in table.cells):
            findings.append(
                Finding(
                    rule="import.table_empty",
                    severity=Severity.INFO,
                    message=f"表{spec.number}的单元格全部为空白",
                    location=Location(section=spec.key, table=spec.key),
                )
            )
        tables[spec.key] = table
    return tables


def unplaced_tables(tables: Sequence[Table], findings: list[Finding]) -> None:
    """Tables that are none of the official three: their text is in a finding."""
    for table in tables:
        rows: dict[int, list[str]] = {}
        for cell in table.cells:
            if cell.text.strip():
                rows.setdefault(cell.row, []).append(cell.text.strip())
        text = "\n".join(" | ".join(cells) for _row, cells in sorted(rows.items()))
        findings.append(
            Finding(
                rule="import.table_unrecognised",
                severity=Severity.WARNING,
                message="文档中有一个表格不是年度报告格式中的表（标签对不上），其内容没有导入",
                location=Location(source=_where(table)),
                found=text or None,
            )
        )
