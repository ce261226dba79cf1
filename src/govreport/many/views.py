"""A comparison as plain data: for the JSON document, and for the text and HTML templates.

Labels come from the spec; nothing here spells one.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from govreport.many.compare import CellChange, Comparison
from govreport.model import Cell, Problem, Rectification, Report
from govreport.spec import CARRY_OVER, NOT_APPLICABLE_MARKS, SECTION_INDEX, TABLES, TableSpec

#: The version of the comparison document's shape.
COMPARISON_VERSION = 1


def number_text(value: int | Decimal) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def change_text(change: int | Decimal | None) -> str:
    """+3, −2, 0; empty when there is no change to compute (a blank or n/a on either side)."""
    if change is None:
        return ""
    if change > 0:
        return "+" + number_text(change)
    if change < 0:
        return "−" + number_text(-change)
    return "0"


def cell_json(cell: Cell) -> Any:
    """A cell as the report document writes it: a number (an amount as exact text), null for blank,
    the mark for not applicable, the object form when the cell keeps other text."""
    if cell.is_number and cell.value is not None:
        return number_text(cell.value) if isinstance(cell.value, Decimal) else cell.value
    if cell.is_blank:
        return None if cell.raw is None else {"state": "blank", "raw": cell.raw}
    if cell.raw in NOT_APPLICABLE_MARKS:
        return cell.raw
    return {"state": "not_applicable", "raw": cell.raw}


def change_json(change: int | Decimal | None) -> Any:
    return number_text(change) if isinstance(change, Decimal) else change


def _side(report: Report) -> dict[str, Any]:
    meta = report.metadata
    return {"issuing_body": meta.issuing_body, "year": meta.year, "title": report.title}


def _problem(item: Problem | Rectification) -> dict[str, Any]:
    data = {"key": item.key, "number": item.number, "text": item.text}
    if isinstance(item, Rectification):
        data["problem"] = item.problem
    return data


def comparison_document(comparison: Comparison) -> dict[str, Any]:
    """The comparison as a JSON-ready document (see docs/many-reports.md)."""
    return {
        "comparison_version": COMPARISON_VERSION,
        "last": _side(comparison.last),
        "this": _side(comparison.this),
        "findings": [finding.to_dict() for finding in comparison.findings],
        "tables": {
            spec.key: [
                {
                    "row": change.row,
                    "column": change.column,
                    "last": cell_json(change.last),
                    "this": cell_json(change.this),
                    "change": change_json(change.change),
                }
                for change in comparison.table(spec.key)
            ]
            for spec in TABLES
        },
        "carry_over": [
            {
                "column": link.column,
                "last_carried_forward": cell_json(link.last_carried_forward),
                "this_carried_over": cell_json(link.this_carried_over),
                "agreement": link.agreement.value,
            }
            for link in comparison.carry_over
        ],
        "remediation": {
            "matches": [
                {"problem": _problem(m.problem), "rectification": _problem(m.rectification), "score": m.score}
                for m in comparison.matches
            ],
            "unmatched_problems": [_problem(p) for p in comparison.unmatched_problems],
            "unmatched_rectifications": [_problem(r) for r in comparison.unmatched_rectifications],
        },
        "repetition": [
            {
                "section": r.section,
                "share": r.share,
                "characters": r.characters,
                "last_characters": r.last_characters,
            }
            for r in comparison.repetition
        ],
    }


# -- for the templates -------------------------------------------------------------------------------


def _cell_shown(cell: Cell, blank: str) -> str:
    return str(cell) if not cell.is_blank or cell.raw else blank


def _label(path: tuple[str, ...]) -> str:
    return " › ".join(part for part in path if part)


def _row_view(spec: TableSpec, row: str, changes: list[CellChange], blank: str) -> dict[str, Any]:
    cells = [
        {
            "column": change.column,
            "column_label": _label(spec.column(change.column).path),
            "last": _cell_shown(change.last, blank),
            "this": _cell_shown(change.this, blank),
            "change": change_text(change.change),
            "direction": (
                "" if change.change is None else "up" if change.change > 0 else "down" if change.change < 0 else "same"
            ),
            "state_changed": change.last.state is not change.this.state,
        }
        for change in changes
    ]
    return {
        "key": row,
        "label": _label(spec.row(row).path),
        "cells": cells,
        "by_column": {cell["column"]: cell for cell in cells},
    }


def _differs(change: CellChange) -> bool:
    return change.changed or change.last != change.this


def table_views(comparison: Comparison, *, blank: str = "", changed_only: bool = False) -> list[dict[str, Any]]:
    """Each table as rows of cells, each cell with both years and the change, labels from the spec.
    With ``changed_only``, only the cells whose value or state differs (and rows that have one)."""
    views = []
    for spec in TABLES:
        rows: dict[str, list[CellChange]] = {}
        for change in comparison.table(spec.key):
            if changed_only and not _differs(change):
                continue
            rows.setdefault(change.row, []).append(change)
        columns = [column for column in spec.columns if any(c.column == column.key for r in rows.values() for c in r)]
        # A table whose rows hold different columns (二) reads best as a list, one line a cell;
        # the others as the grid of rows and columns they are printed in.
        uniform = len({tuple(c.key for c in spec.columns_of(row.key)) for row in spec.rows}) == 1
        views.append(
            {
                "key": spec.key,
                "layout": "grid" if uniform else "list",
                "number": spec.number,
                "caption": spec.caption,
                "columns": [
                    {"key": column.key, "label": column.label, "path": _label(column.path)} for column in columns
                ],
                "rows": [_row_view(spec, row, changes, blank) for row, changes in rows.items()],
                "changed": sum(1 for change in comparison.table(spec.key) if change.changed),
                "compared": sum(1 for change in comparison.table(spec.key) if change.change is not None),
                "cells": len(spec.cells),
            }
        )
    return views


def carry_over_view(comparison: Comparison, blank: str = "") -> list[dict[str, Any]]:
    applications = TABLES[1]
    return [
        {
            "column": link.column,
            "label": applications.column(link.column).label,
            "path": _label(applications.column(link.column).path),
            "last": _cell_shown(link.last_carried_forward, blank),
            "this": _cell_shown(link.this_carried_over, blank),
            "agreement": link.agreement.value,
        }
        for link in comparison.carry_over
    ]


def repetition_view(comparison: Comparison) -> list[dict[str, Any]]:
    return [
        {
            "section": r.section,
            "heading": SECTION_INDEX[r.section].heading,
            "share": None if r.share is None else f"{r.share:.0%}",
            "characters": r.characters,
            "last_characters": r.last_characters,
        }
        for r in comparison.repetition
    ]


def carry_over_rows() -> tuple[str, str]:
    """The labels of the two rows the carry-over links: (this year's, last year's)."""
    this_row, last_row = CARRY_OVER
    applications = TABLES[1]
    return applications.row(this_row).label, applications.row(last_row).label


def context(comparison: Comparison, *, blank: str = "", changed_only: bool = False) -> dict[str, Any]:
    """What the text and HTML templates are given."""
    from govreport.version import __version__

    this_row, last_row = carry_over_rows()
    return {
        "comparison": comparison,
        "last": comparison.last.metadata,
        "this": comparison.this.metadata,
        "version": __version__,
        "tables": table_views(comparison, blank=blank, changed_only=changed_only),
        "changed_only": changed_only,
        "carry_over": carry_over_view(comparison, blank),
        "carry_over_rows": {"this": this_row, "last": last_row},
        "applications_heading": SECTION_INDEX["applications"].heading,
        "remediation_heading": SECTION_INDEX["remediation"].heading,
        "matches": comparison.matches,
        "unmatched_problems": comparison.unmatched_problems,
        "unmatched_rectifications": comparison.unmatched_rectifications,
        "repetition": repetition_view(comparison),
        "findings": comparison.findings,
    }
