"""Naming a few cells of a table in a message, for the rules that list cells."""

from __future__ import annotations

from govreport.checks.support.labels import short_cell
from govreport.findings import Location

_LISTED = 5  # how many cells a message names before "…"


def cell_names(table: str, cells: list[Location]) -> str:
    named = "、".join(short_cell(table, cell.row or "", cell.column or "") for cell in cells[:_LISTED])
    return named + ("…" if len(cells) > _LISTED else "")
