"""What both table recognisers share: reading a printed cell, and groups printed as one row.

A value is read with :meth:`Cell.from_text` (a number, a not-applicable mark, or a blank that
keeps its text); text that is neither stays blank with a finding. A group of table 三 printed as
one row (the group 其他处理 with a row of its own instead of its three sub-rows) gives its sub-rows
only what is certain: 0 where the group's value is 0, since no sub-row can be negative; any other
number leaves them blank, because how it divides is not printed.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import attrs

from govreport.findings import Finding, Location
from govreport.model import Cell, Paragraph
from govreport.reading.catalog import finding
from govreport.spec import TableSpec


@attrs.frozen(kw_only=True)
class TableRead:
    """What a table gave: cells by address, notes (text not part of the table), findings."""

    cells: dict[tuple[str, str], Cell]
    notes: tuple[Paragraph, ...]
    findings: tuple[Finding, ...]


def where(spec: TableSpec, **location: str | None) -> Location:
    return Location(section=spec.key, table=spec.key, **location)


def read_cell(
    text: str, spec: TableSpec, address: tuple[str, str], findings: list[Finding], source: str | None = None
) -> Cell:
    """A cell from its printed text; text that is no number or mark stays as a blank cell's raw
    text, with a finding naming the cell."""
    cell = Cell.from_text(text, spec.cells[spec.cell_index[address]].kind)
    if cell.is_blank and cell.raw is not None:
        findings.append(
            finding(
                "import.cell_unreadable",
                f"表{spec.number}的单元格“{text.strip()}”不是有效的数值，该单元格按空白处理",
                where(spec, row=address[0], column=address[1], source=source),
                found=text.strip(),
            )
        )
    return cell


@attrs.frozen(kw_only=True)
class RowGroup:
    """Rows of a table printed under one group label (不予公开 and its eight reasons)."""

    label: str
    rows: tuple[str, ...]


@functools.cache
def row_groups(spec: TableSpec) -> tuple[RowGroup, ...]:
    """The groups whose rows share an innermost group label of their own (not the table-wide one)."""
    groups: dict[str, list[str]] = {}
    for row in spec.rows:
        if len(row.groups) >= 2:
            groups.setdefault(row.groups[-1], []).append(row.key)
    return tuple(RowGroup(label=label, rows=tuple(rows)) for label, rows in groups.items())


def fill_group(
    spec: TableSpec,
    group: RowGroup,
    values: Mapping[str, Cell],
    cells: dict[tuple[str, str], Cell],
    findings: list[Finding],
    source: str | None = None,
) -> None:
    """The sub-rows of a group printed as one row with ``values`` (by column key)."""
    derived: list[str] = []
    unknown: list[str] = []
    for column, value in values.items():
        if value.is_number and value.value == 0:
            for row in group.rows:
                cells[(row, column)] = Cell.number(0)
            derived.append(column)
        elif value.is_number:
            unknown.append(f"{spec.column(column).label} {value}")
    if derived:
        findings.append(
            finding(
                "import.value_derived",
                f"表{spec.number}的“{group.label}”只印了一行（没有分项），该行为0的列，其{len(group.rows)}个分项"
                "均按0填入（分项不能为负数），是推算而不是读取的数值，请核对",
                where(spec, source=source),
                found=" ".join(str(values[column]) for column in values),
            )
        )
    if unknown:
        findings.append(
            finding(
                "import.group_row",
                f"表{spec.number}的“{group.label}”只印了一行（没有分项），其中{'、'.join(unknown)}"
                "无法分到各分项，这些分项按空白处理",
                where(spec, source=source),
                found=" ".join(str(values[column]) for column in values),
            )
        )
