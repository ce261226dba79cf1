"""The tables of a collected corpus (their columns and SQL types) and the rows one report gives.

The columns here are the schema: the store creates its tables from :data:`COLUMNS`, and
docs/dataset.md lists the same (a test compares them). Rows are plain tuples, so that a worker
process can send them to the writer cheaply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from govreport.findings import Finding, Location, Severity
from govreport.model import Cell, CellState, Report
from govreport.spec import TABLES

#: Bumped when a table or a column changes: a corpus of another version is refused, not mixed.
SCHEMA_VERSION = 1

#: Every value of a cell fits DECIMAL(38, 10) exactly or is not stored there (see :func:`exact_value`).
VALUE_TYPE = "DECIMAL(38, 10)"
_INTEGER_DIGITS = 28
_FRACTION_DIGITS = 10

Row = tuple[Any, ...]

#: Each table's columns, in order, with their SQL types.
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "reports": (
        ("report_id", "VARCHAR PRIMARY KEY"),
        ("source", "VARCHAR NOT NULL"),
        ("importer", "VARCHAR NOT NULL"),
        ("bytes", "BIGINT NOT NULL"),
        ("body", "VARCHAR NOT NULL"),
        ("body_kind", "VARCHAR NOT NULL"),
        ("year", "INTEGER NOT NULL"),
        ("edition", "VARCHAR NOT NULL"),
        ("title", "VARCHAR NOT NULL"),
        ("published_at", "VARCHAR"),
        ("signed_by", "VARCHAR"),
        ("signed_on", "DATE"),
        ("errors", "INTEGER NOT NULL"),
        ("warnings", "INTEGER NOT NULL"),
        ("infos", "INTEGER NOT NULL"),
        ("collected_at", "TIMESTAMP NOT NULL"),
        ("govreport_version", "VARCHAR NOT NULL"),
    ),
    "cells": (
        ("report_id", "VARCHAR NOT NULL"),
        ("table_key", "VARCHAR NOT NULL"),
        ("row_key", "VARCHAR NOT NULL"),
        ("column_key", "VARCHAR NOT NULL"),
        ("kind", "VARCHAR NOT NULL"),
        ("state", "VARCHAR NOT NULL"),
        ("value", VALUE_TYPE),
        ("text", "VARCHAR"),
    ),
    "findings": (
        ("report_id", "VARCHAR NOT NULL"),
        ("position", "INTEGER NOT NULL"),
        ("rule", "VARCHAR NOT NULL"),
        ("severity", "VARCHAR NOT NULL"),
        ("message", "VARCHAR NOT NULL"),
        ("section", "VARCHAR"),
        ("table_key", "VARCHAR"),
        ("row_key", "VARCHAR"),
        ("column_key", "VARCHAR"),
        ("paragraph", "INTEGER"),
        ("place", "VARCHAR"),
        ("excerpt", "VARCHAR"),
        ("formula", "VARCHAR"),
        ("expected", "VARCHAR"),
        ("found", "VARCHAR"),
    ),
    "sections": (
        ("report_id", "VARCHAR NOT NULL"),
        ("position", "INTEGER NOT NULL"),
        ("section", "VARCHAR NOT NULL"),
        ("text", "VARCHAR NOT NULL"),
    ),
    "sources": (
        ("report_id", "VARCHAR NOT NULL"),
        ("source", "VARCHAR NOT NULL"),
    ),
    "failures": (
        ("source", "VARCHAR NOT NULL"),
        ("report_id", "VARCHAR"),
        ("error", "VARCHAR NOT NULL"),
        ("internal", "BOOLEAN NOT NULL"),
        ("failed_at", "TIMESTAMP NOT NULL"),
    ),
    "layout": (
        ("position", "INTEGER PRIMARY KEY"),
        ("table_key", "VARCHAR NOT NULL"),
        ("table_number", "VARCHAR NOT NULL"),
        ("row_key", "VARCHAR NOT NULL"),
        ("row_label", "VARCHAR NOT NULL"),
        ("column_key", "VARCHAR NOT NULL"),
        ("column_label", "VARCHAR NOT NULL"),
        ("kind", "VARCHAR NOT NULL"),
    ),
}

#: The value cells of a report, in the order of ``layout.position``: tables 二, 三 and 四 as the spec lists them.
CELL_COUNT = sum(len(table.cells) for table in TABLES)

#: The finding made when a value cannot be stored exactly in ``cells.value``.
INEXACT_RULE = "dataset.value.inexact"


@attrs.frozen(kw_only=True)
class ReportRows:
    """Everything one report adds to the corpus, as rows of :data:`COLUMNS`' tables. ``cells`` are
    ``(state, value, text)`` of the :data:`CELL_COUNT` cells in layout order: the table, row, column and
    kind of each are the layout's (sent once per cell and not per report, which halves the writing)."""

    report_id: str
    report: Row
    cells: tuple[tuple[str, str | None, str | None], ...]
    findings: tuple[Row, ...]
    sections: tuple[Row, ...]


def exact_value(value: int | Decimal) -> str | None:
    """The value as text for a DECIMAL(38, 10) column, or None when that type cannot hold it exactly
    (more than 28 digits before the point or 10 after it): a rounded number would be a wrong one."""
    if not isinstance(value, Decimal):
        digits_of_int = str(value)
        return digits_of_int if len(digits_of_int) <= _INTEGER_DIGITS else None
    number = value.normalize()
    _sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # a cell's value is finite
    fraction = max(0, -exponent)
    integer = max(0, len(digits) + exponent)
    if fraction > _FRACTION_DIGITS or integer > _INTEGER_DIGITS:
        return None
    return format(number, "f")


def _inexact(table: str, row: str, column: str, cell: Cell) -> Finding:
    return Finding(
        rule=INEXACT_RULE,
        severity=Severity.WARNING,
        message=f"数值{cell}超出数据集value列的精度（整数28位、小数10位），value列留空，原值见text列",
        location=Location(section=table, table=table, row=row, column=column),
        found=str(cell),
    )


def cell_rows(report: Report) -> tuple[list[tuple[str, str | None, str | None]], list[Finding]]:
    """``(state, value, text)`` of each value cell of tables 二, 三 and 四, in layout order; and a finding
    for each value too large or too precise for ``cells.value`` (stored NULL there, in full in ``text``)."""
    rows: list[tuple[str, str | None, str | None]] = []
    inexact: list[Finding] = []
    for table in report.tables:
        key = table.SPEC.key
        for spec, cell in table.items():
            value: str | None = None
            if cell.state is CellState.NUMBER:
                assert cell.value is not None
                value = exact_value(cell.value)
                if value is None:
                    inexact.append(_inexact(key, spec.row, spec.column, cell))
            text = str(cell) if cell.state is CellState.NUMBER else cell.raw
            rows.append((cell.state.value, value, text))
    return rows, inexact


def finding_rows(report_id: str, findings: Iterable[Finding]) -> Iterator[Row]:
    for position, finding in enumerate(findings, start=1):
        where = finding.location
        yield (
            report_id,
            position,
            finding.rule,
            finding.severity.value,
            finding.message,
            where.section,
            where.table,
            where.row,
            where.column,
            where.paragraph,
            where.source,
            where.excerpt,
            finding.formula,
            finding.expected,
            finding.found,
        )


def report_rows(
    *,
    report_id: str,
    source: str,
    importer: str,
    size: int,
    report: Report,
    findings: tuple[Finding, ...],
    collected_at: dt.datetime,
) -> ReportRows:
    """The rows of one report read from ``source`` (``size`` bytes, content hash ``report_id``) by
    ``importer``, with every finding of the import and the checks."""
    from govreport.dataset.texts import section_texts
    from govreport.version import __version__

    cells, inexact = cell_rows(report)
    findings = (*findings, *inexact)
    meta = report.metadata
    signature = report.signature
    severities = [finding.severity for finding in findings]
    row = (
        report_id,
        source,
        importer,
        size,
        meta.issuing_body,
        meta.body_kind.value,
        meta.year,
        meta.edition.value,
        report.title,
        meta.published_at,
        signature.authority if signature is not None else None,
        signature.date if signature is not None else None,
        severities.count(Severity.ERROR),
        severities.count(Severity.WARNING),
        severities.count(Severity.INFO),
        collected_at,
        __version__,
    )
    sections = tuple(
        (report_id, position, key, text) for position, (key, text) in enumerate(section_texts(report), start=1)
    )
    return ReportRows(
        report_id=report_id,
        report=row,
        cells=tuple(cells),
        findings=tuple(finding_rows(report_id, findings)),
        sections=sections,
    )


def layout_rows() -> Iterator[Row]:
    """The labels of every cell address, from the spec (a dimension table to join ``cells`` with)."""
    position = 0
    for table in TABLES:
        for spec in table.cells:
            row, column = table.row_index[spec.row], table.column_index[spec.column]
            position += 1
            yield (
                position,
                table.key,
                table.number,
                spec.row,
                " › ".join(row.path),
                spec.column,
                " › ".join(column.path),
                spec.kind.value,
            )
