"""Properties of the faster geometry in pdf_pages: the bisections give what a scan of everything gives."""

from __future__ import annotations

from hypothesis import given, strategies as st

from govreport.importers.pdf_engine import Char
from govreport.importers.pdf_pages import _cell_text, _table_cells, nearest_edge

# Whole and half points on a small page, so that ties (a value midway between two edges, a
# character's centre on a box's edge) come up often: they are where a bisection goes wrong.
coordinate = st.integers(min_value=0, max_value=120).map(lambda v: v / 2)


@given(st.lists(coordinate, min_size=1, max_size=30, unique=True), coordinate)
def test_the_nearest_edge_is_the_one_a_scan_finds_first(edges, value):
    edges.sort()
    scanned = min(range(len(edges)), key=lambda i: abs(edges[i] - value))
    assert nearest_edge(edges, value) == scanned


@st.composite
def chars(draw: st.DrawFn) -> Char:
    x0, top = draw(coordinate), draw(coordinate)
    size = draw(st.sampled_from([2.0, 6.0, 10.0]))
    text = draw(st.sampled_from("1234567890一二三"))
    return Char(text=text, x0=x0, x1=x0 + size, top=top, bottom=top + size, size=size)


@st.composite
def boxes(draw: st.DrawFn) -> tuple[float, float, float, float]:
    x0, top = draw(coordinate), draw(coordinate)
    return (x0, top, x0 + draw(st.integers(1, 40)), top + draw(st.integers(1, 20)))


@given(st.lists(boxes(), min_size=1, max_size=12), st.lists(chars(), max_size=60))
def test_a_table_cell_holds_the_characters_a_scan_of_the_page_gives_it(cell_boxes, page_chars):
    cells, taken = _table_cells(cell_boxes, page_chars)
    # The definition: box by box, every character not yet taken whose centre is inside (edges included).
    expected_taken: set[int] = set()
    for box, cell in zip(cell_boxes, cells, strict=False):
        inside = [
            i
            for i, c in enumerate(page_chars)
            if i not in expected_taken
            and box[0] <= (c.x0 + c.x1) / 2 <= box[2]
            and box[1] <= (c.top + c.bottom) / 2 <= box[3]
        ]
        expected_taken.update(inside)
        assert cell.text == _cell_text([page_chars[i] for i in inside], box[0], box[2])
    assert expected_taken <= taken  # the rest: stray text in the outline, given cells of its own
