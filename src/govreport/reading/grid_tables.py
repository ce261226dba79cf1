"""The grid recogniser: the official tables found among a document's grids, each value by its row and column.

A grid is taken for one of the spec's tables when most of that table's labels occur in it,
wherever it stands in the input. Inside it, each label of the spec is matched to a cell with the
same text (compared by :func:`~govreport.reading.chinese.normalize_label`), then without its
enumerator, then one holding the other, then by closeness (a typo), in reading order for labels
that occur more than once (the item heading of table 二, the outcomes of table 四); a value is then
the cell in the row of its row label and the columns of its column label, so extra empty rows or
columns, rows split over lines and merged cells of any shape do not shift it. What is left over
(cells that are neither label nor value, label cells holding more than their label) is reported.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

import attrs

from govreport.findings import Finding
from govreport.model import Cell
from govreport.reading.catalog import finding
from govreport.reading.chinese import normalize_label
from govreport.reading.document import Grid, GridCell as InputCell
from govreport.reading.labels import Closeness, closeness, closest
from govreport.reading.tables import TableRead, fill_group, read_cell, row_groups, where
from govreport.spec import TABLES, GridCell, GridRole, TableSpec

#: A grid is taken for a spec table when at least this share of its distinct labels occur in it.
MIN_SCORE = 0.5

#: Cells of our own DOCX export as exported, by table key, then "row/column": the printed text
#: and the cell it stands for (see :func:`read_located`).
RestoredCells = Mapping[str, Mapping[str, tuple[str, Cell]]]

_TABLES = {spec.key: spec for spec in TABLES}


def _label(text: str) -> str:
    return normalize_label(text)


def _position(cell: GridCell | InputCell) -> tuple[int, int]:
    return (cell.row, cell.column)


@functools.cache
def _labels_of(key: str) -> tuple[GridCell, ...]:
    spec = _TABLES[key]
    return tuple(sorted((cell for cell in spec.grid if cell.role is not GridRole.VALUE and cell.text), key=_position))


@functools.cache
def _wanted(key: str) -> frozenset[str]:
    return frozenset(_label(cell.text) for cell in _labels_of(key))


def score(spec: TableSpec, grid: Grid) -> float:
    """The share of the spec table's distinct labels that occur in the grid."""
    wanted = _wanted(spec.key)
    present = {_label(cell.text) for cell in grid.cells}
    return len(wanted & present) / len(wanted)


@attrs.frozen(kw_only=True)
class Located:
    """A spec table found in a grid: the cell of each value, and what did not fit."""

    spec: TableSpec
    grid: Grid
    values: dict[tuple[str, str], InputCell]
    missing: tuple[tuple[str, str], ...]
    leftovers: tuple[InputCell, ...]
    #: label cells that hold more than their label (words added after it), with the label they were read as
    longer: tuple[tuple[InputCell, str], ...] = ()
    #: label cells matched other than exactly (a typo, a word or the enumerator left out), with the label
    approximate: tuple[tuple[InputCell, str], ...] = ()
    #: groups printed as one row: the group, and the cell of each of its columns
    group_rows: tuple[tuple[str, dict[str, InputCell]], ...] = ()


_TIERS = (Closeness.EXACT, Closeness.WITHOUT_NUMBER, Closeness.CONTAINED)


def _match_labels(spec: TableSpec, cells: Sequence[InputCell]) -> tuple[dict[tuple[int, int], InputCell], set[int]]:
    """Each spec label cell's input cell (by the spec cell's position), strictest comparison first;
    and the spec cells (by id of the input cell) matched by closeness rather than exactly.

    Among cells with the same text, the one in the row and column where the spec row's and
    column's other labels were found wins (a value that happens to read like a label is not
    taken for it), then reading order (the second of two equal labels after the first).
    """
    # A number or a mark is never a label: leaving the value cells out makes this a fifth as long.
    candidates = sorted((cell for cell in cells if not _is_value_text(cell.text)), key=_position)
    normal = {id(cell): _label(cell.text) for cell in candidates}
    tiers: dict[tuple[str, int], Closeness | None] = {}

    def tier_of(want: str, cell: InputCell) -> Closeness | None:
        key = (want, id(cell))
        if key not in tiers:
            tiers[key] = closeness(want, normal[id(cell)])
        return tiers[key]

    used: set[int] = set()
    found: dict[tuple[int, int], InputCell] = {}
    columns: dict[int, int] = {}  # spec column -> input column, learnt from the labels found
    rows: dict[int, int] = {}  # spec row -> input row
    labels = _labels_of(spec.key)
    inexact: set[int] = set()

    def take(cell: GridCell, match: InputCell, last_of: dict[str, tuple[int, int]], want: str) -> None:
        found[_position(cell)] = match
        used.add(id(match))
        last_of[want] = _position(match)
        columns.setdefault(cell.column, match.column)
        rows.setdefault(cell.row, match.row)

    for tier in _TIERS:
        last_of: dict[str, tuple[int, int]] = {}
        for cell in labels:
            if _position(cell) in found:
                continue
            want = _label(cell.text)
            options = [c for c in candidates if id(c) not in used and tier_of(want, c) is tier]
            after = last_of.get(want)
            if after is not None:
                options = [c for c in options if _position(c) > after] or options
            if not options:
                continue
            column, row = columns.get(cell.column), rows.get(cell.row)
            match = max(options, key=lambda c: (c.column == column) + (c.row == row))  # first of the best
            take(cell, match, last_of, want)
            if tier is not Closeness.EXACT and not (tier is Closeness.CONTAINED and want in normal[id(match)]):
                inexact.add(id(match))
    # A typo: the one remaining cell clearly closest to the label, in the row or column expected.
    last_of = {}
    for cell in labels:
        if _position(cell) in found:
            continue
        want = _label(cell.text)
        options = [c for c in candidates if id(c) not in used]
        pick = closest(want, [normal[id(c)] for c in options])
        if pick is None:
            continue
        match = options[pick]
        column, row = columns.get(cell.column), rows.get(cell.row)
        if (column is not None and match.column != column) and (row is not None and match.row != row):
            continue  # neither where its column nor where its row was found: not this label
        take(cell, match, last_of, want)
        inexact.add(id(match))
    return found, inexact


def _is_value_text(text: str) -> bool:
    return not Cell.from_text(text).is_blank or not text.strip()


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


@functools.cache
def _group_cells(key: str) -> dict[str, GridCell]:
    """The grid cell of each row group's label, by the label."""
    spec = _TABLES[key]
    labels = {group.label for group in row_groups(spec)}
    return {cell.text: cell for cell in spec.grid if cell.role is GridRole.ROW_HEADER and cell.text in labels}


_UNSET = object()


def _value_row(
    grid: Grid,
    labels: Mapping[tuple[int, int], InputCell],
    covering: Mapping[tuple[int, int], InputCell],
    label_cells: set[int],
) -> int | None:
    """The values' row of a table without row labels: the first row below all its headers with
    something in it, else the first row below them."""
    bottom = max((cell.row + cell.rowspan for cell in labels.values()), default=0)
    for row in range(bottom, grid.n_rows):
        cells = (covering.get((row, column)) for column in range(grid.n_columns))
        if any(cell is not None and id(cell) not in label_cells and cell.text.strip() for cell in cells):
            return row
    return bottom if bottom < grid.n_rows else None


def locate(spec: TableSpec, grid: Grid) -> Located:
    grid = merge_split_labels(spec, grid)
    labels, inexact = _match_labels(spec, grid.cells)
    label_cells = {id(cell) for cell in labels.values()}
    covering = grid.covering()
    values: dict[tuple[str, str], InputCell] = {}
    missing: list[tuple[str, str]] = []
    used: set[int] = set()
    column_cells: dict[str, InputCell] = {}  # column key -> the label cell found for it
    value_row: object = _UNSET  # the row of a table without row labels, found when first needed
    for value in (c for c in spec.grid if c.value is not None):
        assert value.value is not None
        row_anchor, column_anchor = _anchors_of(spec.key)[_position(value)]
        column_cell = labels.get(_position(column_anchor)) if column_anchor is not None else None
        row_cell = labels.get(_position(row_anchor)) if row_anchor is not None else None
        if column_cell is not None:
            column_cells.setdefault(value.value[1], column_cell)
        found: InputCell | None = None
        if column_cell is not None and (row_anchor is None or row_cell is not None):
            column = column_cell.column
            if row_cell is not None:
                found = covering.get((row_cell.row, column))
            else:
                # No row label (table 四): every value from the one value row, so that a blank
                # cell stays blank rather than take a number from a row below it.
                if value_row is _UNSET:
                    value_row = _value_row(grid, labels, covering, label_cells)
                found = covering.get((value_row, column)) if isinstance(value_row, int) else None
        if found is None or id(found) in label_cells or (row_cell is not None and found.column <= row_cell.column):
            missing.append(value.value)
            continue
        values[value.value] = found
        used.add(id(found))
    group_rows = _group_rows(spec, labels, covering, missing, column_cells, label_cells, used)
    leftovers = tuple(
        cell for cell in grid.cells if cell.text.strip() and id(cell) not in label_cells and id(cell) not in used
    )
    longer = tuple(
        (input_cell, spec_cell.text)
        for spec_cell in _labels_of(spec.key)
        if (input_cell := labels.get(_position(spec_cell))) is not None
        and len(want := _label(spec_cell.text)) < len(have := _label(input_cell.text))
        and want in have
    )
    approximate = tuple(
        (input_cell, spec_cell.text)
        for spec_cell in _labels_of(spec.key)
        if (input_cell := labels.get(_position(spec_cell))) is not None and id(input_cell) in inexact
    )
    return Located(
        spec=spec,
        grid=grid,
        values=values,
        missing=tuple(missing),
        leftovers=leftovers,
        longer=longer,
        approximate=approximate,
        group_rows=group_rows,
    )


def merge_split_labels(spec: TableSpec, grid: Grid) -> Grid:
    """The grid with each label that was cut into cells one under the other made one cell again:
    a label a page break cut in two (（四）无 / 法提供), or one written down a column one or two
    characters a cell (the results group of table 三 in a PDF whose row rules cross it). Cells whose texts
    together, and not one alone, are a label of the spec are merged."""
    wanted = _wanted(spec.key)
    by_column: dict[tuple[int, int], list[InputCell]] = {}
    for cell in sorted(grid.cells, key=lambda c: (c.column, c.row)):
        by_column.setdefault((cell.column, cell.colspan), []).append(cell)
    merged: dict[int, InputCell] = {}  # id of the first cell of a run -> the merged cell
    gone: set[int] = set()
    for cells in by_column.values():
        start = 0
        while start < len(cells):
            joined, end = _label(cells[start].text), start
            run_end = None
            while end + 1 < len(cells) and cells[end + 1].row == cells[end].row + cells[end].rowspan:
                end += 1
                if not cells[end].text.strip():
                    break
                joined += _label(cells[end].text)
                if joined in wanted:
                    run_end = end
                    break
            if run_end is None or any(_label(c.text) in wanted for c in cells[start : run_end + 1]):
                start += 1
                continue
            run = cells[start : run_end + 1]
            first = run[0]
            merged[id(first)] = attrs.evolve(
                first,
                rowspan=run[-1].row + run[-1].rowspan - first.row,
                text="\n".join(c.text for c in run),
            )
            gone.update(id(c) for c in run[1:])
            start = run_end + 1
    if not merged:
        return grid
    cells_out = tuple(merged.get(id(c), c) for c in grid.cells if id(c) not in gone)
    return attrs.evolve(grid, cells=cells_out)


def _group_rows(
    spec: TableSpec,
    labels: dict[tuple[int, int], InputCell],
    covering: dict[tuple[int, int], InputCell],
    missing: list[tuple[str, str]],
    column_cells: dict[str, InputCell],
    label_cells: set[int],
    used: set[int],
) -> tuple[tuple[str, dict[str, InputCell]], ...]:
    """Groups printed as one row: every sub-row missing, and the group's label one row high with
    a value under each of its columns. The cells are taken (added to ``used``)."""
    found: list[tuple[str, dict[str, InputCell]]] = []
    gone = set(missing)
    for group in row_groups(spec):
        columns = [column.key for column in spec.columns_of(group.rows[0])]
        if not all((row, column) in gone for row in group.rows for column in columns):
            continue
        spec_cell = _group_cells(spec.key).get(group.label)
        label_cell = labels.get(_position(spec_cell)) if spec_cell is not None else None
        if label_cell is None or label_cell.rowspan != 1 or not all(c in column_cells for c in columns):
            continue
        row_values: dict[str, InputCell] = {}
        for column in columns:
            cell = covering.get((label_cell.row, column_cells[column].column))
            if cell is None or id(cell) in label_cells or id(cell) in used or cell.column <= label_cell.column:
                break
            row_values[column] = cell
        else:
            found.append((group.label, row_values))
            used.update(id(cell) for cell in row_values.values())
            for row in group.rows:
                for column in columns:
                    missing.remove((row, column))
    return tuple(found)


def identify(grids: Sequence[Grid]) -> tuple[dict[str, Located], list[Grid]]:
    """Each spec table's best grid, and the grids that are none of them (or a second copy)."""
    scored = sorted(
        ((score(spec, grid), i, spec) for i, grid in enumerate(grids) for spec in TABLES),
        key=lambda item: (-item[0], item[1]),
    )
    chosen: dict[str, Located] = {}
    taken: set[int] = set()
    for value, i, spec in scored:
        if value < MIN_SCORE or spec.key in chosen or i in taken:
            continue
        chosen[spec.key] = locate(spec, grids[i])
        taken.add(i)
    return chosen, [grid for i, grid in enumerate(grids) if i not in taken]


def _where_in(grid: Grid, cell: InputCell) -> str:
    return cell.origin.source or grid_source(grid, cell.row, cell.column)


def grid_source(grid: Grid, row: int | None = None, column: int | None = None) -> str:
    """Where a grid (or a cell of it) is: "table at position N, row R, column C" or the grid's origin."""
    where_ = grid.origin.source or "table"
    if row is not None and column is not None:
        where_ += f", row {row + 1}, column {column + 1}"
    return where_


def read_located(found: Located, restored: Mapping[str, tuple[str, Cell]] | None = None) -> TableRead:
    """The cells of a table found in a grid, and findings for what did not fit.

    ``restored`` (our own DOCX export) gives, by "row/column", a cell's printed text as exported and
    the cell it stands for (a blank shown as "—" by an option, a number longer than the page):
    used while the text is still as exported."""
    spec = found.spec
    grid = found.grid
    findings: list[Finding] = []
    cells: dict[tuple[str, str], Cell] = {}
    for cell_spec in spec.cells:
        address = (cell_spec.row, cell_spec.column)
        input_cell = found.values.get(address)
        if input_cell is None:
            continue  # reported below, with the other missing cells
        override = (restored or {}).get(f"{cell_spec.row}/{cell_spec.column}")
        if override is not None and override[0] == input_cell.text:
            cells[address] = override[1]
            continue
        cells[address] = read_cell(input_cell.text, spec, address, findings, _where_in(grid, input_cell))
    for group, row_values in found.group_rows:
        first_row = next(g for g in row_groups(spec) if g.label == group)
        read = {
            column: read_cell(cell.text, spec, (first_row.rows[0], column), findings, _where_in(grid, cell))
            for column, cell in row_values.items()
        }
        any_cell = next(iter(row_values.values()))
        fill_group(spec, first_row, read, cells, findings, _where_in(grid, any_cell))
    for row, column in found.missing:
        findings.append(
            finding(
                "import.cell_missing",
                f"表{spec.number}中找不到这个单元格（行或列的标签不在表中），按空白处理",
                where(spec, row=row, column=column, source=grid_source(grid)),
            )
        )
    for leftover in found.leftovers:
        findings.append(
            finding(
                "import.table_text_unplaced",
                f"表{spec.number}中有既不是标签也不是数据的内容，没有导入",
                where(spec, source=_where_in(grid, leftover)),
                found=leftover.text,
            )
        )
    for label_cell, label in found.longer:
        extra = label_cell.text.replace(label, "", 1).strip() if label in label_cell.text else label_cell.text
        findings.append(
            finding(
                "import.table_text_unplaced",
                f"表{spec.number}中的标签“{label_cell.text}”比格式中的“{label}”多出文字，多出的部分没有导入",
                where(spec, source=_where_in(grid, label_cell)),
                found=extra,
            )
        )
    for label_cell, label in found.approximate:
        printed = " ".join(label_cell.text.split())
        findings.append(
            finding(
                "import.label_approximate",
                f"表{spec.number}中印作“{printed}”的标签与格式中的“{label}”最接近，按该标签读取，请核对",
                where(spec, source=_where_in(grid, label_cell)),
                found=printed,
                expected=label,
            )
        )
    return TableRead(cells=cells, notes=(), findings=tuple(findings))
