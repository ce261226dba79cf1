"""The vocabulary for describing an official statistics table as data.

A table is described twice, on purpose: once as *addresses* (row keys × column keys, the way
code reads and writes values) and once as the printed *grid* (every header, label and value
cell with its row and column span, exactly as in the official template). Exporters draw the
grid; importers match labels in it; checks sum over the addresses.
"""

from __future__ import annotations

import enum
from functools import cached_property

import attrs


class ValueKind(enum.Enum):
    """What a value cell holds."""

    COUNT = "count"  # a non-negative integer
    AMOUNT = "amount"  # an exact non-negative decimal (万元)


class GridRole(enum.Enum):
    """What a cell of the printed grid is."""

    CORNER = "corner"  # the top-left header cell of table 三 (the identity note)
    COLUMN_HEADER = "column_header"  # a column label, possibly spanning several columns
    ROW_HEADER = "row_header"  # a row label, possibly spanning several rows
    GROUP = "group"  # a caption row inside the table body (第二十条第（一）项)
    VALUE = "value"  # a cell holding a value


@attrs.frozen(kw_only=True)
class RowSpec:
    """One addressable row of values."""

    key: str
    label: str
    #: labels of the enclosing row groups, outermost first (三、本年度办理结果 › （三）不予公开)
    groups: tuple[str, ...] = ()

    @property
    def path(self) -> tuple[str, ...]:
        return (*self.groups, self.label)


@attrs.frozen(kw_only=True)
class ColumnSpec:
    """One addressable column of values."""

    key: str
    label: str
    #: labels of the enclosing column groups, outermost first (申请人情况 › 法人或其他组织)
    groups: tuple[str, ...] = ()

    @property
    def path(self) -> tuple[str, ...]:
        return (*self.groups, self.label)


@attrs.frozen(kw_only=True)
class CellSpec:
    """One value cell: where it is addressed and what it holds."""

    row: str
    column: str
    kind: ValueKind = ValueKind.COUNT


@attrs.frozen(kw_only=True)
class GridCell:
    """One cell of the printed grid (0-based position of its top-left corner)."""

    row: int
    column: int
    role: GridRole
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    #: for a VALUE cell, the (row key, column key) it shows
    value: tuple[str, str] | None = None


# The hash is kept: specs key the exporters' caches, and hashing one walks its whole grid.
@attrs.frozen(kw_only=True, cache_hash=True)
class TableSpec:
    """An official statistics table: its addresses and its printed grid."""

    key: str
    number: str  # 二, 三, 四: the section that holds the table
    caption: str  # the section title the table stands under
    rows: tuple[RowSpec, ...]
    columns: tuple[ColumnSpec, ...]
    cells: tuple[CellSpec, ...]
    grid: tuple[GridCell, ...]
    #: relative column widths of the grid (twentieths of a point, as in the template)
    grid_widths: tuple[int, ...]
    #: how many grid rows at the top form the column header (repeated on every page)
    header_rows: int

    @property
    def n_columns(self) -> int:
        return len(self.grid_widths)

    @cached_property
    def n_rows(self) -> int:
        return max(cell.row + cell.rowspan for cell in self.grid)

    @cached_property
    def cell_index(self) -> dict[tuple[str, str], int]:
        """Position of each (row key, column key) in :attr:`cells`."""
        return {(cell.row, cell.column): i for i, cell in enumerate(self.cells)}

    @cached_property
    def row_index(self) -> dict[str, RowSpec]:
        return {row.key: row for row in self.rows}

    @cached_property
    def column_index(self) -> dict[str, ColumnSpec]:
        return {column.key: column for column in self.columns}

    def row(self, key: str) -> RowSpec:
        try:
            return self.row_index[key]
        except KeyError:
            raise KeyError(f"table {self.key} has no row {key!r}") from None

    def column(self, key: str) -> ColumnSpec:
        try:
            return self.column_index[key]
        except KeyError:
            raise KeyError(f"table {self.key} has no column {key!r}") from None

    def columns_of(self, row_key: str) -> tuple[ColumnSpec, ...]:
        """The columns that hold a value in the given row, in order."""
        return tuple(self.column_index[c.column] for c in self.cells if c.row == row_key)

    @cached_property
    def grid_rows(self) -> tuple[tuple[GridCell, ...], ...]:
        """The grid's cells grouped by the row their top-left corner is in."""
        rows: list[list[GridCell]] = [[] for _ in range(self.n_rows)]
        for cell in self.grid:
            rows[cell.row].append(cell)
        return tuple(tuple(sorted(row, key=lambda cell: cell.column)) for row in rows)
