"""The cells of a page's tables, found from its ruling lines.

The rules are snapped, joined and intersected by pdfplumber's lattice functions with its default
settings (the same ones ``Page.find_tables`` uses), fed with the rules of whichever engine read the
page: so a table's cells depend only on the rules, never on the engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from govreport.importers.pdf_engine import Rule

#: pdfplumber's defaults (TableSettings): rules this close (points) are snapped or joined into one;
SNAP = 3.0
#: rules shorter than this are dropped, before and after joining;
MIN_LENGTH_BEFORE = 1.0
MIN_LENGTH = 3.0
#: and a vertical and a horizontal rule this close meet.
MEET = 3.0

Box = tuple[float, float, float, float]


def _edge(rule: Rule) -> dict[str, Any]:
    return {
        "x0": rule.x0,
        "x1": rule.x1,
        "top": rule.top,
        "bottom": rule.bottom,
        "doctop": rule.top,
        "width": rule.x1 - rule.x0,
        "height": rule.bottom - rule.top,
        "orientation": "v" if rule.vertical else "h",
    }


def table_boxes(rules: Sequence[Rule]) -> list[list[Box]]:
    """Each table's cell boxes (x0, top, x1, bottom), tables in pdfplumber's order."""
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges
    from pdfplumber.utils.geometry import filter_edges

    edges = [_edge(rule) for rule in rules]
    vertical = filter_edges(edges, "v", min_length=MIN_LENGTH_BEFORE)
    horizontal = filter_edges(edges, "h", min_length=MIN_LENGTH_BEFORE)
    merged = merge_edges(vertical + horizontal, SNAP, SNAP, SNAP, SNAP)
    kept = filter_edges(merged, min_length=MIN_LENGTH)
    cells = intersections_to_cells(edges_to_intersections(kept, MEET, MEET))
    return [[(float(b[0]), float(b[1]), float(b[2]), float(b[3])) for b in table] for table in cells_to_tables(cells)]
