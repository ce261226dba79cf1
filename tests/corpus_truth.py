"""Comparing an imported report with a corpus entry's values typed in by hand (``*.truth.json``).

The truth is in the shape of ``../shared/corpus/README.md``: ``table2`` (10 strings in reading
order), ``table3`` (25 rows × 7 columns in the template's order), ``table4`` (15 values), ``null``
where the published report does not let the value be known.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs

import govreport as g
from govreport.spec import ACTIVE_DISCLOSURE, APPLICATIONS, REVIEW_LITIGATION

ROOT = Path(__file__).parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


@attrs.frozen(kw_only=True)
class Score:
    right: int
    wrong: tuple[str, ...]  # "table/row/column: read X, published Y"
    blank: tuple[str, ...]  # cells known but not read

    @property
    def known(self) -> int:
        return self.right + len(self.wrong) + len(self.blank)


def truth_of(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def score(report: g.Report, truth: dict[str, Any]) -> Score:
    wanted: list[tuple[str, str, str, Any]] = []
    for cell, value in zip(ACTIVE_DISCLOSURE.cells, truth["table2"], strict=True):
        wanted.append(("active_disclosure", cell.row, cell.column, value))
    flat = [value for row in truth["table3"] for value in row]
    pairs = [(row.key, column.key) for row in APPLICATIONS.rows for column in APPLICATIONS.columns]
    for (row, column), value in zip(pairs, flat, strict=True):
        wanted.append(("applications", row, column, value))
    for cell, value in zip(REVIEW_LITIGATION.cells, truth["table4"], strict=True):
        wanted.append(("review_litigation", cell.row, cell.column, value))
    tables = {table.SPEC.key: table for table in report.tables}
    right = 0
    wrong: list[str] = []
    blank: list[str] = []
    for key, row, column, value in wanted:
        if value is None:
            continue
        cell = tables[key][row, column]
        where = f"{key}/{row}/{column}"
        if not cell.is_number:
            blank.append(where)
        elif str(cell) == str(value):
            right += 1
        else:
            wrong.append(f"{where}: read {cell}, published {value}")
    return Score(right=right, wrong=tuple(wrong), blank=tuple(blank))
