"""The three official tables, addressed by stable row and column keys.

``report.applications["granted", "total"]`` is a :class:`~govreport.model.cells.Cell`; the keys
are those of :mod:`govreport.spec` (plain strings or the spec's enums).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any, ClassVar, Self

import attrs

from govreport.model.blocks import Block
from govreport.model.cells import BLANK, Cell
from govreport.spec import ACTIVE_DISCLOSURE, APPLICATIONS, REVIEW_LITIGATION, CellSpec, TableSpec, ValueKind

CellInput = Cell | int | Decimal | None


def _check_cells(table: StatisticsTable, _attribute: Any, cells: tuple[Cell, ...]) -> None:
    spec = table.SPEC
    if not isinstance(cells, tuple) or len(cells) != len(spec.cells):
        raise ValueError(f"table {spec.key} holds {len(spec.cells)} cells in spec order")
    for cell_spec, cell in zip(spec.cells, cells, strict=True):
        where = f"table {spec.key}, row {cell_spec.row}, column {cell_spec.column}"
        if not isinstance(cell, Cell):
            raise TypeError(f"{where}: expected a Cell, got {type(cell).__name__}")
        if cell.is_number:
            if cell_spec.kind is ValueKind.AMOUNT and not isinstance(cell.value, Decimal):
                raise TypeError(f"{where}: an amount in 万元 is a Decimal, not {type(cell.value).__name__}")
            if cell_spec.kind is ValueKind.COUNT and not isinstance(cell.value, int):
                raise TypeError(f"{where}: a count is an int, not {type(cell.value).__name__}")


def _summary(cells: tuple[Cell, ...]) -> str:
    # 175 blank cells make a report's repr unreadable: say what is there instead.
    numbers = sum(1 for cell in cells if cell.is_number)
    not_applicable = sum(1 for cell in cells if cell.is_not_applicable)
    blank = len(cells) - numbers - not_applicable
    return f"<{len(cells)} cells: {numbers} numbers, {blank} blank, {not_applicable} n/a>"


@attrs.frozen(kw_only=True)
class StatisticsTable:
    """Base of the three tables: cells in the order of ``SPEC.cells``, and notes under the table."""

    SPEC: ClassVar[TableSpec]

    cells: tuple[Cell, ...] = attrs.field(validator=_check_cells, repr=_summary)
    notes: tuple[Block, ...] = ()

    @cells.default
    def _blank_cells(self) -> tuple[Cell, ...]:
        return (BLANK,) * len(self.SPEC.cells)

    @classmethod
    def blank(cls) -> Self:
        """A table with every cell blank."""
        return cls()

    @classmethod
    def from_values(cls, values: Mapping[tuple[str, str], CellInput], *, notes: tuple[Block, ...] = ()) -> Self:
        """A table from ``{(row, column): value}``; cells not given are blank."""
        return cls(notes=notes).with_values(values)

    @classmethod
    def from_rows(cls, rows: Mapping[str, Mapping[str, CellInput]], *, notes: tuple[Block, ...] = ()) -> Self:
        """A table from ``{row: {column: value}}``; cells not given are blank."""
        return cls.from_values(
            {(row, column): value for row, columns in rows.items() for column, value in columns.items()},
            notes=notes,
        )

    def _index(self, row: str, column: str) -> int:
        try:
            return self.SPEC.cell_index[(row, column)]
        except KeyError:
            self.SPEC.row(row)  # names an unknown row
            self.SPEC.column(column)  # names an unknown column
            raise KeyError(f"table {self.SPEC.key} has no cell at row {row!r}, column {column!r}") from None

    def __getitem__(self, key: tuple[str, str]) -> Cell:
        row, column = key
        return self.cells[self._index(row, column)]

    def value(self, row: str, column: str) -> int | Decimal | None:
        """The number in a cell, or ``None`` when it is blank or not applicable."""
        return self[row, column].value

    def with_values(self, values: Mapping[tuple[str, str], CellInput]) -> Self:
        """A copy with the given cells replaced."""
        cells = list(self.cells)
        for (row, column), value in values.items():
            index = self._index(row, column)
            if self.SPEC.cells[index].kind is ValueKind.AMOUNT and type(value) is int:
                value = Decimal(value)  # an amount is exact: 5 万元 is Decimal("5")
            cells[index] = Cell.of(value)
        return attrs.evolve(self, cells=tuple(cells))

    def items(self) -> Iterator[tuple[CellSpec, Cell]]:
        """Each value cell with its address, in spec order."""
        return zip(self.SPEC.cells, self.cells, strict=True)

    def to_rows(self) -> dict[str, dict[str, Cell]]:
        rows: dict[str, dict[str, Cell]] = {}
        for cell_spec, cell in self.items():
            rows.setdefault(cell_spec.row, {})[cell_spec.column] = cell
        return rows


@attrs.frozen(kw_only=True)
class ActiveDisclosureTable(StatisticsTable):
    """Table 二: information disclosed on the body's own initiative."""

    SPEC: ClassVar[TableSpec] = ACTIVE_DISCLOSURE


@attrs.frozen(kw_only=True)
class ApplicationsTable(StatisticsTable):
    """Table 三: applications received and how they were handled."""

    SPEC: ClassVar[TableSpec] = APPLICATIONS


@attrs.frozen(kw_only=True)
class ReviewLitigationTable(StatisticsTable):
    """Table 四: administrative reviews and lawsuits about disclosure."""

    SPEC: ClassVar[TableSpec] = REVIEW_LITIGATION


TABLE_TYPES: dict[str, type[StatisticsTable]] = {
    cls.SPEC.key: cls for cls in (ActiveDisclosureTable, ApplicationsTable, ReviewLitigationTable)
}
