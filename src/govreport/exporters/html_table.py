"""An official table as HTML-ready data: the spec's grid with header scopes, ids and ``headers``.

Everything here is plain data (tags, attribute values, text); the template writes the markup
and escapes every value. Nothing is hard-coded: the rows, spans, labels and widths come from the
:class:`~govreport.spec.TableSpec` grid, so the page has exactly the official template's cells.

Accessibility (see docs/html.md):

- header rows (``spec.header_rows``) go into ``<thead>``; the rest is split into ``<tbody>`` row
  groups where a label spans several rows, or where table 二 starts a new block;
- column labels are ``<th scope="col|colgroup">``, row labels ``<th scope="row|rowgroup">``;
- every header cell has an ``id`` and every value cell lists its column path and row path,
  outermost first, in ``headers`` — for all three tables, so that a screen reader announces
  the results group › the refused part › its first reason, and the applicants › organisations ›
  commercial enterprises (the labels come from the spec).
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise

import attrs
from markupsafe import Markup, escape

from govreport.exporting import row_labels_centred
from govreport.model import Block, Cell, StatisticsTable
from govreport.spec import GridCell, GridRole, TableSpec

#: What a screen reader says for a blank cell, and the tooltip (a blank is missing, not 0).
BLANK_SPOKEN = "空"
BLANK_TITLE = "空白：未填报"
NOT_APPLICABLE_TITLE = "不适用"

_HEADER_ROLES = {GridRole.COLUMN_HEADER, GridRole.GROUP}


@attrs.frozen(kw_only=True)
class CellView:
    """One ``<th>`` or ``<td>``: its tag, its attributes (None = left out), its text."""

    tag: str
    text: str
    attributes: Mapping[str, str | int | None]
    #: text for screen readers only (the "空" of a blank cell)
    spoken: str = ""
    grid: GridCell

    @property
    def markup(self) -> Markup:
        """The cell as HTML, exactly as the ``table_cell`` macro of macros.html.j2 writes it."""
        return Markup(_cell_markup(self.tag, self.attributes, self.text, self.spoken))


def _cell_markup(tag: str, attributes: Mapping[str, str | int | None], text: str, spoken: str) -> str:
    # What `<{{ tag }}{{ attributes|xmlattr }}>` and the macro's escaping give, written in Python:
    # the page's tables are most of its cells, and a macro call per cell was most of its time.
    shown = "".join(f' {name}="{escape(value)}"' for name, value in attributes.items() if value is not None)
    hidden = f'<span class="visually-hidden">{escape(spoken)}</span>' if spoken else ""
    return f"<{tag}{shown}>{escape(text)}{hidden}</{tag}>"


def _rows_markup(rows: list[list[str]]) -> Markup:
    return Markup("\n".join("<tr>" + "".join(row) + "</tr>" for row in rows))


@attrs.frozen(kw_only=True)
class RowGroupView:
    rows: tuple[tuple[CellView, ...], ...]
    #: the group's ``<tr>`` rows as HTML, one a line (what the default template prints)
    markup: Markup = attrs.field(factory=Markup)


@attrs.frozen(kw_only=True)
class ColumnGroupView:
    #: each column's width in per cent of the table, from the template's twips
    widths: tuple[str, ...]
    #: each column's width on a narrow screen, in em of the table text (see :func:`phone_widths`)
    phone_widths: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class TableView:
    key: str
    id: str
    caption: str
    column_groups: tuple[ColumnGroupView, ...]
    head: tuple[tuple[CellView, ...], ...]
    bodies: tuple[RowGroupView, ...]
    #: the paragraphs under the table
    notes: tuple[Block, ...] = ()
    #: the table's width on a narrow screen, where it scrolls sideways in its own box
    phone_width: str = ""
    #: whether the template centres the row labels (table 二) rather than setting them left
    labels_centred: bool = False
    #: the header rows as HTML, one a line
    head_markup: Markup = attrs.field(factory=Markup)


#: On a narrow screen a column is as wide as the template makes it (at 240 twips an em), within
#: these bounds: a value column holds five digits on one line and a column label of six characters
#: in two or three lines (社会/公益/组织, as the template prints it); a label column holds a long
#: row label in a few lines and leaves room beside it for the values.
PHONE_EM_PER_TWIP = 1 / 240
PHONE_VALUE_EM = (3.4, 6.0)
PHONE_LABEL_EM = (3.4, 9.0)


def label_columns(spec: TableSpec) -> int:
    """How many columns at the left hold labels only (table 二: 1, table 三: 3, table 四: 0)."""
    first_value = min(cell.column for cell in spec.grid if cell.role is GridRole.VALUE)
    return first_value


def phone_widths(spec: TableSpec) -> list[float]:
    """Each column's width on a narrow screen, in em of the table text."""
    labels = label_columns(spec)
    widths = []
    for column, twips in enumerate(spec.grid_widths):
        low, high = PHONE_LABEL_EM if column < labels else PHONE_VALUE_EM
        widths.append(round(min(max(twips * PHONE_EM_PER_TWIP, low), high), 2))
    return widths


def _em(value: float) -> str:
    return f"{value:g}em"


def _covering(spec: TableSpec) -> dict[tuple[int, int], GridCell]:
    """The grid cell that covers each (row, column) position."""
    covering: dict[tuple[int, int], GridCell] = {}
    for cell in spec.grid:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.column, cell.column + cell.colspan):
                covering[(r, c)] = cell
    return covering


def _column_headers(cell: GridCell, covering: Mapping[tuple[int, int], GridCell]) -> list[GridCell]:
    """The column headers above a value cell, outermost first.

    Walk up from the cell: value and row-label rows of the same block are skipped until headers
    start; the walk stops at the first non-header after them, or at a table 二 group caption (the
    group is the outermost header of its block, so the blocks above do not apply).
    """
    found: list[GridCell] = []
    for r in range(cell.row - 1, -1, -1):
        above = covering[(r, cell.column)]
        if above.role in _HEADER_ROLES:
            if above not in found:
                found.append(above)
            if above.role is GridRole.GROUP:
                break
        elif found:
            break
    return found[::-1]


def _row_headers(cell: GridCell, covering: Mapping[tuple[int, int], GridCell]) -> list[GridCell]:
    """The row labels to the left of a value cell, outermost first."""
    found: list[GridCell] = []
    for c in range(cell.column - 1, -1, -1):
        left = covering[(cell.row, c)]
        if left.role is GridRole.ROW_HEADER and left not in found:
            found.append(left)
    return found[::-1]


def _row_group_starts(spec: TableSpec, covering: Mapping[tuple[int, int], GridCell]) -> list[int]:
    """The body rows that begin a ``<tbody>``: where a label spanning several rows begins or ends,
    and where a table 二 block caption begins (``scope="rowgroup"`` then means exactly its rows)."""
    starts = [spec.header_rows]
    for r in range(spec.header_rows + 1, spec.n_rows):
        first, previous = covering[(r, 0)], covering[(r - 1, 0)]
        if first is previous:
            continue
        if first.role is GridRole.GROUP or first.rowspan > 1 or previous.rowspan > 1:
            starts.append(r)
    return starts


def _scope(cell: GridCell) -> str | None:
    if cell.role is GridRole.ROW_HEADER:
        return "rowgroup" if cell.rowspan > 1 else "row"
    if cell.role in _HEADER_ROLES:
        return "colgroup" if cell.colspan > 1 else "col"
    return None


def _state_class(cell: Cell) -> str:
    if cell.is_number:
        return "number zero" if cell.value == 0 else "number"
    if cell.is_not_applicable:
        return "na"
    return "blank raw" if cell.raw else "blank"


def _value_view(grid: GridCell, cell: Cell, headers: str, blank: str) -> CellView:
    spoken = ""
    title: str | None = None
    if cell.is_number:
        text = str(cell)  # a Decimal amount exactly as stored: 3862.4175, never a float
    elif cell.is_not_applicable:
        text, title = cell.raw or "/", NOT_APPLICABLE_TITLE
    elif cell.raw:
        # Text that was not a number ("约5"): shown as written, marked, never guessed into a number.
        text, title = cell.raw, BLANK_TITLE
    else:
        text, spoken, title = blank, BLANK_SPOKEN, BLANK_TITLE
    row_key, column_key = grid.value or ("", "")
    attributes: dict[str, str | int | None] = {
        "class": f"value {_state_class(cell)}",
        "rowspan": grid.rowspan if grid.rowspan > 1 else None,
        "colspan": grid.colspan if grid.colspan > 1 else None,
        "headers": headers or None,
        "title": title,
        "data-row": row_key,
        "data-column": column_key,
    }
    return CellView(tag="td", text=text, attributes=attributes, spoken=spoken, grid=grid)


def _header_view(grid: GridCell, cell_id: str, sticky_left: float | None) -> CellView:
    """A label; ``sticky_left`` (em) for one that stays in view when the table scrolls sideways."""
    is_corner = grid.role is GridRole.CORNER
    role = grid.role.value.replace("_", "-")
    attributes: dict[str, str | int | None] = {
        "id": None if is_corner else cell_id,
        "class": role if sticky_left is None else f"{role} sticky",
        "scope": _scope(grid),
        "rowspan": grid.rowspan if grid.rowspan > 1 else None,
        "colspan": grid.colspan if grid.colspan > 1 else None,
        "style": None if sticky_left is None else f"--sticky-left: {_em(sticky_left)}",
    }
    # The corner of table 三 is a note on the sums, not a header of any cell: a <td>.
    return CellView(tag="td" if is_corner else "th", text=grid.text, attributes=attributes, grid=grid)


def _column_groups(spec: TableSpec) -> tuple[ColumnGroupView, ...]:
    """``<colgroup>``s as the top header row groups the columns (one group when it has none)."""
    total = sum(spec.grid_widths)
    percent = [f"{100 * width / total:.4f}%" for width in spec.grid_widths]
    phone = [_em(width) for width in phone_widths(spec)]
    if spec.header_rows == 0:
        return (ColumnGroupView(widths=tuple(percent), phone_widths=tuple(phone)),)
    top = sorted((cell for cell in spec.grid if cell.row == 0), key=lambda cell: cell.column)
    return tuple(
        ColumnGroupView(
            widths=tuple(percent[cell.column : cell.column + cell.colspan]),
            phone_widths=tuple(phone[cell.column : cell.column + cell.colspan]),
        )
        for cell in top
    )


@attrs.frozen(kw_only=True)
class _Layout:
    """What a table's HTML takes from its spec alone: built once per spec and id prefix."""

    table_id: str
    #: each grid row: a header's view and its HTML, or a value cell with the ``headers`` it lists
    rows: tuple[tuple[tuple[CellView, str] | tuple[GridCell, str], ...], ...]
    starts: tuple[int, ...]
    column_groups: tuple[ColumnGroupView, ...]
    phone_width: str
    labels_centred: bool


_layouts: dict[tuple[int, str], tuple[TableSpec, _Layout]] = {}


def _layout(spec: TableSpec, id_prefix: str) -> _Layout:
    # Keyed by identity: the specs are module constants, and hashing one would walk its whole grid.
    cached = _layouts.get((id(spec), id_prefix))
    if cached is not None and cached[0] is spec:
        return cached[1]
    covering = _covering(spec)
    table_id = f"{id_prefix}-table-{spec.key}"

    def cell_id(cell: GridCell) -> str:
        return f"{table_id}-r{cell.row}c{cell.column}"

    narrow = phone_widths(spec)
    labels = label_columns(spec)

    def sticky_left(cell: GridCell) -> float | None:
        # The labels of the rows stay in view; a caption across the whole table scrolls with it.
        if cell.column + cell.colspan > labels:
            return None
        return round(sum(narrow[: cell.column]), 2)

    def static(cell: GridCell) -> tuple[CellView, str] | tuple[GridCell, str]:
        if cell.role is not GridRole.VALUE:
            view = _header_view(cell, cell_id(cell), sticky_left(cell))
            return (view, _cell_markup(view.tag, view.attributes, view.text, view.spoken))
        path = _column_headers(cell, covering) + _row_headers(cell, covering)
        return (cell, " ".join(cell_id(h) for h in path))

    layout = _Layout(
        table_id=table_id,
        rows=tuple(tuple(static(cell) for cell in row) for row in spec.grid_rows),
        starts=(*_row_group_starts(spec, covering), spec.n_rows),
        column_groups=_column_groups(spec),
        phone_width=_em(round(sum(narrow), 2)),
        labels_centred=row_labels_centred(spec),
    )
    if len(_layouts) < 256:  # the built-in specs, a few prefixes
        _layouts[(id(spec), id_prefix)] = (spec, layout)
    return layout


def table_view(table: StatisticsTable, *, id_prefix: str, blank: str = "") -> TableView:
    """The table's printed grid as rows of cells ready for the template."""
    spec = table.SPEC
    layout = _layout(spec, id_prefix)

    rows: list[tuple[CellView, ...]] = []
    markup: list[list[str]] = []
    for static_row in layout.rows:
        views, shown = [], []
        for first, second in static_row:
            if isinstance(first, CellView):
                views.append(first)
                shown.append(second)
                continue
            assert first.value is not None
            view = _value_view(first, table[first.value], second, blank)
            views.append(view)
            shown.append(_cell_markup(view.tag, view.attributes, view.text, view.spoken))
        rows.append(tuple(views))
        markup.append(shown)
    bodies = tuple(
        RowGroupView(rows=tuple(rows[a:b]), markup=_rows_markup(markup[a:b])) for a, b in pairwise(layout.starts)
    )
    return TableView(
        key=spec.key,
        id=layout.table_id,
        caption=spec.caption,
        column_groups=layout.column_groups,
        head=tuple(rows[: spec.header_rows]),
        bodies=bodies,
        notes=table.notes,
        phone_width=layout.phone_width,
        labels_centred=layout.labels_centred,
        head_markup=_rows_markup(markup[: spec.header_rows]),
    )
