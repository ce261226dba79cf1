"""Finding the official tables in a document by their labels, and each value by its row and column.

A Word table is taken for one of the spec's tables when most of that table's labels occur in it,
wherever it stands in the file. Inside it, each label of the spec is matched to a cell with the
same text (compared without spaces or quotes, "1、" as "1."), in reading order for labels that
occur more than once (the item heading of table 二, the outcomes of table 四); a value is then
the cell in the row of its row label and the columns of its column label, so extra empty rows or
columns, rows split over lines and merged cells of any shape do not shift it. Non-empty cells
that are neither a label nor a value are returned as leftovers, and label cells holding more than
their label as longer, for the importer to report.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import attrs

from govreport.importers.text_tables import normalize_label
from govreport.spec import TABLES, GridCell, GridRole, TableSpec
from govreport.wordml.body import GridCell as WordCell
from govreport.wordml.body import Table

#: A table is taken for a spec table when at least this share of its distinct labels occur in it.
MIN_SCORE = 0.5
_ENUMERATOR = re.compile(r"^(\d+\.|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))")


@functools.lru_cache(maxsize=4096)
def _label(text: str) -> str:
    return normalize_label(text)


def _bare(label: str) -> str:
    return _ENUMERATOR.sub("", label)


_TABLES = {spec.key: spec for spec in TABLES}


@functools.cache
def _labels_of(key: str) -> tuple[GridCell, ...]:
    spec = _TABLES[key]
    return tuple(sorted((cell for cell in spec.grid if cell.role is not GridRole.VALUE and cell.text), key=_position))


def _spec_labels(spec: TableSpec) -> tuple[GridCell, ...]:
    return _labels_of(spec.key)


@functools.cache
def _wanted(key: str) -> frozenset[str]:
    return frozenset(_label(cell.text) for cell in _labels_of(key))


def _position(cell: GridCell | WordCell) -> tuple[int, int]:
    return (cell.row, cell.column)


def score(spec: TableSpec, table: Table) -> float:
    """The share of the spec table's distinct labels that occur in the Word table."""
    wanted = _wanted(spec.key)
    present = {_label(cell.text) for cell in table.cells}
    return len(wanted & present) / len(wanted)


@attrs.frozen(kw_only=True)
class Located:
    """A spec table found in a Word table: the text of each value cell, and what did not fit."""

    spec: TableSpec
    table: Table
    values: dict[tuple[str, str], str]
    missing: tuple[tuple[str, str], ...]
    leftovers: tuple[WordCell, ...]
    #: label cells that hold more than their label (words added after it), with the label they were read as
    longer: tuple[tuple[WordCell, str], ...] = ()


def _same(want: str, have: str) -> bool:
    return want == have


def _same_but_number(want: str, have: str) -> bool:
    """A label written without its enumerator: "(一)" or "1." dropped."""
    return bool(_bare(want)) and _bare(want) == _bare(have)


def _contains(want: str, have: str) -> bool:
    """A label shortened or lengthened by a person: one contains the other (four characters or more)."""
    return len(want) >= 4 and len(have) >= 4 and (want in have or have in want)


def _match_labels(spec: TableSpec, cells: Sequence[WordCell]) -> dict[tuple[int, int], WordCell]:
    """Each spec label cell's Word cell (by the spec cell's position), strictest comparison first.

    Among cells with the same text, the one in the Word row and column where the spec row's and
    column's other labels were found wins (a value that happens to read like a label is not
    taken for it), then reading order (the second of two equal labels after the first).
    """
    candidates = sorted((cell for cell in cells if cell.text.strip()), key=_position)
    normal = {id(cell): _label(cell.text) for cell in candidates}
    used: set[int] = set()
    found: dict[tuple[int, int], WordCell] = {}
    columns: dict[int, int] = {}  # spec column -> Word column, learnt from the labels found
    rows: dict[int, int] = {}  # spec row -> Word row
    labels = _spec_labels(spec)
    for same in (_same, _same_but_number, _contains):
        last_of: dict[str, tuple[int, int]] = {}
        for cell in labels:
            if _position(cell) in found:
                continue
            want = _label(cell.text)
            options = [c for c in candidates if id(c) not in used and same(want, normal[id(c)])]
            after = last_of.get(want)
            if after is not None:
                options = [c for c in options if _position(c) > after] or options
            if not options:
                continue
            column, row = columns.get(cell.column), rows.get(cell.row)
            match = max(options, key=lambda c: (c.column == column) + (c.row == row))  # first of the best
            found[_position(cell)] = match
            used.add(id(match))
            last_of[want] = _position(match)
            columns.setdefault(cell.column, match.column)
            rows.setdefault(cell.row, match.row)
    return found


@functools.cache
def _anchors_of(key: str) -> dict[tuple[int, int], tuple[GridCell | None, GridCell | None]]:
    spec = _TABLES[key]
    return {_position(cell): _anchors(spec, cell) for cell in spec.grid if cell.value is not None}


def _anchors(spec: TableSpec, value: GridCell) -> tuple[GridCell | None, GridCell | None]:
    """The label giving a value's row (the innermost row label), and the one giving its column."""
    row_labels = [c for c in spec.grid if c.role is GridRole.ROW_HEADER and c.row == value.row]
    row_anchor = max(row_labels, key=lambda c: c.column) if row_labels else None
    column_labels = [
        c
        for c in spec.grid
        if c.role is GridRole.COLUMN_HEADER and c.row < value.row and c.column <= value.column < c.column + c.colspan
    ]
    column_anchor = max(column_labels, key=lambda c: c.row) if column_labels else None
    return row_anchor, column_anchor


def locate(spec: TableSpec, table: Table) -> Located:
    labels = _match_labels(spec, table.cells)
    label_cells = {id(cell) for cell in labels.values()}
    covering: dict[tuple[int, int], WordCell] = {}
    for cell in table.cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.column, cell.column + cell.colspan):
                covering[(r, c)] = cell
    values: dict[tuple[str, str], str] = {}
    missing: list[tuple[str, str]] = []
    used: set[int] = set()
    for value in (c for c in spec.grid if c.value is not None):
        assert value.value is not None
        row_anchor, column_anchor = _anchors_of(spec.key)[_position(value)]
        column_cell = labels.get(_position(column_anchor)) if column_anchor is not None else None
        row_cell = labels.get(_position(row_anchor)) if row_anchor is not None else None
        found: WordCell | None = None
        if column_cell is not None and (row_anchor is None or row_cell is not None):
            column = column_cell.column
            if row_cell is not None:
                found = covering.get((row_cell.row, column))
            else:
                # No row label (table 四): the first row below the header with something in it,
                # else the first row below the header.
                rows = range(column_cell.row + column_cell.rowspan, table.n_rows)
                below = [
                    c for c in (covering.get((r, column)) for r in rows) if c is not None and id(c) not in label_cells
                ]
                found = next((c for c in below if c.text.strip()), below[0] if below else None)
        if found is None or id(found) in label_cells or (row_cell is not None and found.column <= row_cell.column):
            missing.append(value.value)
            continue
        values[value.value] = found.text
        used.add(id(found))
    leftovers = tuple(
        cell for cell in table.cells if cell.text.strip() and id(cell) not in label_cells and id(cell) not in used
    )
    longer = tuple(
        (word_cell, spec_cell.text)
        for spec_cell in _spec_labels(spec)
        if (word_cell := labels.get(_position(spec_cell))) is not None
        and len(want := _label(spec_cell.text)) < len(have := _label(word_cell.text))
        and want in have
    )
    return Located(spec=spec, table=table, values=values, missing=tuple(missing), leftovers=leftovers, longer=longer)


def identify(tables: Sequence[Table]) -> tuple[dict[str, Located], list[Table]]:
    """Each spec table's best Word table, and the Word tables that are none of them (or a second copy)."""
    scored = sorted(
        ((score(spec, table), i, spec) for i, table in enumerate(tables) for spec in TABLES),
        key=lambda item: (-item[0], item[1]),
    )
    chosen: dict[str, Located] = {}
    taken: set[int] = set()
    for value, i, spec in scored:
        if value < MIN_SCORE or spec.key in chosen or i in taken:
            continue
        chosen[spec.key] = locate(spec, tables[i])
        taken.add(i)
    return chosen, [table for i, table in enumerate(tables) if i not in taken]
