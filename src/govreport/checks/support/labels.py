"""Names of tables, rows, columns and cells for messages and formulas, all drawn from the spec."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import lru_cache

from govreport.findings import Location
from govreport.model import Cell, Report, StatisticsTable
from govreport.model.cells import add_exactly
from govreport.spec import SECTION_INDEX, TABLES, TableSpec

TABLE_SPECS: dict[str, TableSpec] = {spec.key: spec for spec in TABLES}

# The enumerator a label starts with: 一、 （三） 1.
_ENUMERATOR = re.compile(r"^(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+\.)")
# An explanatory parenthesis at the end of a label: （区分处理的，只计这一情形，不计其他情形）
_TRAILING_NOTE = re.compile(r"（[^（）]*）$")

Address = tuple[str, str, str]  # table key, row key, column key
_LISTED = 7  # more cells than this are named as a range


def table_name(table: str) -> str:
    """表三 — how messages refer to a table (by the number of the section it stands in)."""
    return f"表{TABLE_SPECS[table].number}"


@lru_cache(maxsize=4096)  # names drawn from the spec's constants, asked for again each report
def row_label(table: str, row: str) -> str:
    return " › ".join(TABLE_SPECS[table].row(row).path)


@lru_cache(maxsize=4096)  # names drawn from the spec's constants, asked for again each report
def column_label(table: str, column: str) -> str:
    return TABLE_SPECS[table].column(column).label


@lru_cache(maxsize=4096)  # names drawn from the spec's constants, asked for again each report
def short_row(table: str, row: str) -> str:
    """A row by its enumerators (三（三）1), or by its label when it has none (table 四's rows)."""
    spec = TABLE_SPECS[table]
    parts = [_ENUMERATOR.match(label) for label in spec.row(row).path]
    if all(parts):
        return "".join(match.group(0).rstrip("、.") for match in parts if match)
    return spec.row(row).label


def keyword(label: str) -> str:
    """The words of a label without its enumerator or trailing note: （二）部分公开（…） → 部分公开."""
    return _TRAILING_NOTE.sub("", _ENUMERATOR.sub("", label))


@lru_cache(maxsize=4096)  # names drawn from the spec's constants, asked for again each report
def cell_name(table: str, row: str, column: str) -> str:
    """表三「<row label path>」行「<column label>」列, labels from the spec."""
    return f"{table_name(table)}「{row_label(table, row)}」行「{column_label(table, column)}」列"


@lru_cache(maxsize=4096)  # names drawn from the spec's constants, asked for again each report
def short_cell(table: str, row: str, column: str) -> str:
    """「<row label>」×「<column label>」: a cell by its own row and column labels, without their groups."""
    spec = TABLE_SPECS[table]
    return f"「{spec.row(row).label}」×「{spec.column(column).label}」"


def cells_named(addresses: Sequence[Address]) -> str:
    """Cells of one table named as briefly as they can be told apart: by column if they share a row,
    by row if they share a column."""
    if not addresses:
        return ""
    rows = {row for _t, row, _c in addresses}
    columns = {column for _t, _r, column in addresses}
    table = addresses[0][0]
    if len(rows) == 1 and len(addresses) > 1:
        return (
            f"「{row_label(table, addresses[0][1])}」行的"
            + "、".join(f"「{column_label(table, column)}」" for _t, _r, column in addresses)
            + "列"
        )
    if len(columns) == 1 and len(addresses) > 1:
        rows_named = [short_row(table, row) for _t, row, _c in addresses]
        if len(rows_named) > _LISTED:
            first, last = rows_named[0], rows_named[-1]
            return f"「{column_label(table, addresses[0][2])}」列的{first}至{last}共{len(rows_named)}行"
        return f"「{column_label(table, addresses[0][2])}」列的" + "、".join(rows_named) + "行"
    return "、".join(cell_name(*address) for address in addresses)


_CELL_LOCATIONS: dict[tuple[object, ...], Location] = {}


def cell_location(table: str, row: str | None = None, column: str | None = None) -> Location:
    # Made once a cell and shared (a Location is frozen): a rule that lists the blank cells of a
    # table that lost its rows names 200 of them in each report.
    # The types are part of the key: an enum member equals its string, and is kept as it was given.
    key = (table, row, column, type(table), type(row), type(column))
    found = _CELL_LOCATIONS.get(key)
    if found is None:
        found = Location(section=table, table=table, row=row, column=column)
        if len(_CELL_LOCATIONS) < 4096:  # the tables' cells, rows and columns; a plugin's own keys
            _CELL_LOCATIONS[key] = found
    return found


def section_heading(key: str) -> str:
    return SECTION_INDEX[key].heading


def table_of(report: Report, table: str) -> StatisticsTable:
    found: StatisticsTable = getattr(report, table)
    return found


def cell_of(report: Report, address: Address) -> Cell:
    table, row, column = address
    return table_of(report, table)[row, column]


def number(value: int | Decimal) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def total(cells: Iterable[Cell]) -> int | Decimal | None:
    """The sum of the cells, or None if any of them is not a number (a blank is not 0)."""
    return total_of_values(cell.value if cell.is_number else None for cell in cells)


_COUNTS_ONLY = frozenset({int})


def total_of_values(values: Iterable[int | Decimal | None]) -> int | Decimal | None:
    """The sum of the values, or None if any of them is None (a blank cell is not 0)."""
    listed = values if type(values) is list else list(values)
    # Counts are ints: summed at once. An amount (Decimal) is added with no rounding.
    if _COUNTS_ONLY.issuperset(map(type, listed)):
        return sum(listed)
    result: int | Decimal = 0
    for value in listed:
        if value is None:
            return None
        result = add_exactly(result, value)
    return result
