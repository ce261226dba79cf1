"""What a check reads: the report, last year's report if given, and views computed once per run."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cached_property
from typing import Any, TypeVar

from govreport.checks.support.bodies import Level, body_level
from govreport.checks.support.labels import total_of_values
from govreport.checks.support.narrative import Passage, passages
from govreport.model import Cell, Report
from govreport.spec import TableSpec

T = TypeVar("T")


_ADDRESSES: dict[int, tuple[TableSpec, tuple[tuple[str, str, str], ...]]] = {}


def _addresses(spec: TableSpec) -> tuple[tuple[str, str, str], ...]:
    """The (table, row, column) keys of a table's value cells, in spec order (made once a spec)."""
    # Keyed by identity, the spec kept beside its keys: the specs are module constants.
    found = _ADDRESSES.get(id(spec))
    if found is None or found[0] is not spec:
        found = _ADDRESSES[id(spec)] = (spec, tuple((spec.key, cell.row, cell.column) for cell in spec.cells))
    return found[1]


class CheckContext:
    """The report under check (and optionally last year's), with shared derived views.

    Views such as :attr:`passages` are computed on first use and shared by every rule of the run.
    """

    def __init__(self, report: Report, previous: Report | None = None) -> None:
        self.report = report
        self.previous = previous
        self._memo: dict[str, Any] = {}

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, once per run: several rules (or plugins) can share a costly view.

        Use a key of your own: your rule group's or module's name (``"text.statements"``).
        """
        if key not in self._memo:
            self._memo[key] = compute()
        value: T = self._memo[key]
        return value

    @cached_property
    def passages(self) -> tuple[Passage, ...]:
        """Every paragraph, heading and item of the report, with where it is."""
        return passages(self.report)

    @cached_property
    def previous_passages(self) -> tuple[Passage, ...]:
        return passages(self.previous) if self.previous is not None else ()

    def passages_in(self, *sections: str) -> list[Passage]:
        return [passage for passage in self.passages if passage.section in sections]

    @cached_property
    def cells(self) -> dict[tuple[str, str, str], Cell]:
        """Every value cell of the three tables by (table, row, column) keys."""
        cells: dict[tuple[str, str, str], Cell] = {}
        for table in self.report.tables:
            cells.update(zip(_addresses(table.SPEC), table.cells, strict=True))
        return cells

    @cached_property
    def values(self) -> dict[tuple[str, str, str], int | Decimal | None]:
        """Every value cell's number by (table, row, column) keys; None for a blank or n/a cell."""
        # A cell holds a value exactly when it is a number (Cell's validator sees to it).
        return {address: cell.value for address, cell in self.cells.items()}

    @cached_property
    def non_number_cells(self) -> dict[tuple[str, str, str], Cell]:
        """The cells that hold no number (blank, with or without text, or not applicable), in the
        order of :attr:`cells`: rules that look only at those need not walk every cell."""
        cells = self.cells
        return {address: cells[address] for address, value in self.values.items() if value is None}

    def total(self, addresses: Iterable[tuple[str, str, str]]) -> int | Decimal | None:
        """The sum of the cells at ``addresses``, or None if any of them is not a number (a blank is not 0)."""
        values = self.values
        return total_of_values([values[address] for address in addresses])

    @cached_property
    def level(self) -> Level:
        """The administrative level of the issuing body, as far as its kind and name tell."""
        return body_level(self.report.metadata.issuing_body, self.report.metadata.body_kind)

    @cached_property
    def previous_is_last_year(self) -> bool:
        """Whether ``previous`` is the same body's report of the year before (cross-year rules need it)."""
        previous = self.previous
        if previous is None:
            return False
        return previous.metadata.year == self.report.metadata.year - 1
