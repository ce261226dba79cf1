"""An official table as HTML-ready data: the spec's grid with header scopes, ids and ``headers``.

Each cell is plain data (tag, attribute values, text), and each row's markup is written here as
the ``table_cell`` macro would write it, every value escaped and cleaned of what HTML calls a parse
error (the template prints the markup as it is); a template may use either. Nothing
is hard-coded: the rows, spans, labels and widths come from the :class:`~govreport.spec.TableSpec`
grid, so the page has exactly the official template's cells.

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
from types import MappingProxyType

import attrs
from markupsafe import Markup, escape

from govreport.exporting import row_labels_centred
from govreport.model import Block, Cell, CellState, StatisticsTable
from govreport.spec import GridCell, GridRole, TableSpec
from govreport.templating import html_text

#: What a screen reader says for a blank cell, and the tooltip (a blank is missing, not 0).
BLANK_SPOKEN = "空"
BLANK_TITLE = "空白：未填报"
NOT_APPLICABLE_TITLE = "不适用"

_HEADER_ROLES = {GridRole.COLUMN_HEADER, GridRole.GROUP}


def _read_only(attributes: Mapping[str, str | int | None]) -> Mapping[str, str | int | None]:
    # A copy behind a read-only view: a template that changed a shared view's attributes would
    # change every later page of the process.
    return MappingProxyType(dict(attributes))


@attrs.frozen(kw_only=True)
class CellView:
    """One ``<th>`` or ``<td>``: its tag, its attributes (None = left out), its text."""

    tag: str
    text: str
    #: read-only: one view serves every report with the same cell in its place (see table_view)
    attributes: Mapping[str, str | int | None] = attrs.field(converter=_read_only)
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
    shown = _attributes_markup(attributes)
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


@attrs.frozen(kw_only=True)
class _ValueSlot:
    """A value cell's place in the grid and what of its markup the spec alone decides."""

    grid: GridCell
    #: the cell's position in the table's ``cells``
    index: int
    #: its attributes with class and title still to fill in, in the order the markup lists them
    attributes: Mapping[str, str | int | None]
    #: the rowspan, colspan and headers attributes as markup, escaped (they go before the title)
    spans: str
    #: the data-row and data-column attributes as markup, escaped (they go after it)
    keys: str
    #: the views already made for this place, by what decides them (see :func:`_view_key`)
    views: dict[object, tuple[CellView, str]] = attrs.field(factory=dict, eq=False, repr=False)


def _attributes_markup(attributes: Mapping[str, str | int | None]) -> str:
    return "".join(f' {name}="{escape(value)}"' for name, value in attributes.items() if value is not None)


def _value_slot(grid: GridCell, index: int, headers: str) -> _ValueSlot:
    row_key, column_key = grid.value or ("", "")
    spans: dict[str, str | int | None] = {
        "rowspan": grid.rowspan if grid.rowspan > 1 else None,
        "colspan": grid.colspan if grid.colspan > 1 else None,
        "headers": headers or None,
    }
    keys: dict[str, str | int | None] = {"data-row": row_key, "data-column": column_key}
    return _ValueSlot(
        grid=grid,
        index=index,
        attributes={"class": None, **spans, "title": None, **keys},
        spans=_attributes_markup(spans),
        keys=_attributes_markup(keys),
    )


_NOT_APPLICABLE_TITLE_MARKUP = f' title="{escape(NOT_APPLICABLE_TITLE)}"'
_BLANK_TITLE_MARKUP = f' title="{escape(BLANK_TITLE)}"'
_BLANK_SPOKEN_MARKUP = f'<span class="visually-hidden">{escape(BLANK_SPOKEN)}</span>'


def _value_view(slot: _ValueSlot, cell: Cell, blank: str, blank_markup: str) -> tuple[CellView, str]:
    """The cell's view and its markup: what ``_cell_markup`` gives for the view, joined from the
    slot's markup and the few pieces the cell's state decides."""
    spoken, spoken_markup = "", ""
    title: str | None = None
    title_markup = ""
    if cell.is_number:
        text = str(cell)  # a Decimal amount exactly as stored: 3862.4175, never a float
        # Digits need no escaping, and most cells are counts.
        text_markup = text if text.isdigit() else str(escape(text))
        state = "value number zero" if cell.value == 0 else "value number"
    elif cell.is_not_applicable:
        text, title, title_markup = html_text(cell.raw or "/"), NOT_APPLICABLE_TITLE, _NOT_APPLICABLE_TITLE_MARKUP
        text_markup = str(escape(text))
        state = "value na"
    elif cell.raw:
        # Text that was not a number ("约5"): shown as written, marked, never guessed into a number.
        text, title, title_markup = html_text(cell.raw), BLANK_TITLE, _BLANK_TITLE_MARKUP
        text_markup = str(escape(text))
        state = "value blank raw"
    else:
        text, spoken, title, title_markup = blank, BLANK_SPOKEN, BLANK_TITLE, _BLANK_TITLE_MARKUP
        text_markup, spoken_markup = blank_markup, _BLANK_SPOKEN_MARKUP
        state = "value blank"
    # The slot's attributes hold every key already: setting two keeps the markup's order.
    attributes = dict(slot.attributes)
    attributes["class"] = state
    attributes["title"] = title
    view = CellView(tag="td", text=text, attributes=attributes, spoken=spoken, grid=slot.grid)
    # The class names are plain words: nothing in them to escape.
    markup = f'<td class="{state}"{slot.spans}{title_markup}{slot.keys}>{text_markup}{spoken_markup}</td>'
    return view, markup


#: How many views of value cells the layouts keep, all together (under 1 kB each); and how many for
#: one place in a table. Most cells of a report are 0 or blank, so the first reports of a batch fill
#: the places with what the next ones need, and a worker's memory stays flat.
_MAX_VIEWS = 8192
_MAX_VIEWS_PER_PLACE = 4
#: a view is kept only for a short text (a count, a mark, the blank option): report text can be long
_MAX_KEPT_TEXT = 16
_kept_views = 0


def _view_key(cell: Cell, blank: str) -> object:
    """What decides a value cell's view in its place: equal cells may print differently (1, 1.0 and
    1.00 are equal), so a number is keyed by its type and text."""
    value = cell.value
    if type(value) is int:
        return value
    if value is None:
        return (cell.state is CellState.NOT_APPLICABLE, cell.raw, blank)
    return str(cell)  # a Decimal, printed as stored


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
    return CellView(tag="td" if is_corner else "th", text=html_text(grid.text), attributes=attributes, grid=grid)


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
    #: each grid row: a header's view and its HTML, or a value cell's slot
    rows: tuple[tuple[tuple[CellView, str] | _ValueSlot, ...], ...]
    starts: tuple[int, ...]
    column_groups: tuple[ColumnGroupView, ...]
    phone_width: str
    labels_centred: bool
    #: whether the layout is kept for the next tables (only then are its value cells' views kept)
    kept: bool = False


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

    def static(cell: GridCell) -> tuple[CellView, str] | _ValueSlot:
        if cell.role is not GridRole.VALUE:
            view = _header_view(cell, cell_id(cell), sticky_left(cell))
            return (view, _cell_markup(view.tag, view.attributes, view.text, view.spoken))
        assert cell.value is not None
        path = _column_headers(cell, covering) + _row_headers(cell, covering)
        return _value_slot(cell, spec.cell_index[cell.value], " ".join(cell_id(h) for h in path))

    layout = _Layout(
        table_id=table_id,
        rows=tuple(tuple(static(cell) for cell in row) for row in spec.grid_rows),
        starts=(*_row_group_starts(spec, covering), spec.n_rows),
        column_groups=_column_groups(spec),
        phone_width=_em(round(sum(narrow), 2)),
        labels_centred=row_labels_centred(spec),
        kept=len(_layouts) < 256,  # the built-in specs, a few prefixes
    )
    if layout.kept:
        _layouts[(id(spec), id_prefix)] = (spec, layout)
    return layout


def table_view(table: StatisticsTable, *, id_prefix: str, blank: str = "") -> TableView:
    """The table's printed grid as rows of cells ready for the template."""
    spec = table.SPEC
    layout = _layout(spec, id_prefix)

    global _kept_views
    keep = layout.kept
    cells = table.cells
    blank = html_text(blank)
    blank_markup = str(escape(blank))
    rows: list[tuple[CellView, ...]] = []
    markup: list[list[str]] = []
    for static_row in layout.rows:
        views, shown = [], []
        for static in static_row:
            if isinstance(static, _ValueSlot):
                cell = cells[static.index]
                key = _view_key(cell, blank)
                made = static.views.get(key)
                if made is None:
                    made = _value_view(static, cell, blank, blank_markup)
                    # Views are frozen: the same one serves every report with this cell here. (Two
                    # threads may both add one: the bounds are loose by a few, never unbounded.)
                    if (
                        keep
                        and len(made[0].text) <= _MAX_KEPT_TEXT
                        and len(cell.raw or "") <= _MAX_KEPT_TEXT
                        and len(static.views) < _MAX_VIEWS_PER_PLACE
                        and _kept_views < _MAX_VIEWS
                    ):
                        static.views[key] = made
                        _kept_views += 1
                view, cell_markup = made
            else:
                view, cell_markup = static
            views.append(view)
            shown.append(cell_markup)
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
