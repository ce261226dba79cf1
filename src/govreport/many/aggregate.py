"""A region's total: the three tables of many bodies' reports of one year, summed cell by cell.

A cell is summed only when every input gives a number there. A blank in any input makes the
total's cell blank (a sum that leaves out an unknown is a wrong number), with a finding naming the
inputs that left it blank. A cell that is not applicable to some bodies (a township makes no 规章)
is the sum of the others; not applicable to all, it stays not applicable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from govreport.errors import GovReportError
from govreport.findings import Finding, Location, Severity
from govreport.model import (
    BLANK,
    ActiveDisclosureTable,
    ApplicationsTable,
    Cell,
    Metadata,
    Paragraph,
    Period,
    Report,
    ReviewLitigationTable,
    StatisticsTable,
)
from govreport.model.cells import add_exactly
from govreport.spec import BodyKind

#: Inputs named in one finding before the rest are counted (a province has thousands of bodies).
NAMED_INPUTS = 10


class AggregateError(GovReportError, ValueError):
    """The inputs cannot be summed: another year, one body twice, not a report. ``problems`` lists
    each offending input."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("cannot aggregate: " + "; ".join(self.problems))


@attrs.frozen(kw_only=True)
class CellSource:
    """Where one cell of the total came from: the inputs (by name) that gave a number, left it
    blank, or marked it not applicable."""

    table: str
    row: str
    column: str
    numbers: tuple[str, ...] = ()
    blank: tuple[str, ...] = ()
    not_applicable: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Aggregate:
    """The total as a report, where each of its cells came from, and what summing found."""

    report: Report
    #: the input names, in the order given
    inputs: tuple[str, ...]
    #: every cell of the three tables, in table and spec order
    sources: tuple[CellSource, ...]
    findings: tuple[Finding, ...] = ()

    def sources_document(self) -> dict[str, Any]:
        """Where each cell came from, as a JSON-ready document: the inputs listed once, and for
        every cell the positions (in that list) of the inputs that gave a number, left it blank
        or marked it not applicable."""
        position = {name: index for index, name in enumerate(self.inputs)}
        return {
            "sources_version": 1,
            "issuing_body": self.report.metadata.issuing_body,
            "year": self.report.metadata.year,
            "inputs": list(self.inputs),
            "cells": [
                {
                    "table": source.table,
                    "row": source.row,
                    "column": source.column,
                    "numbers": [position[name] for name in source.numbers],
                    "blank": [position[name] for name in source.blank],
                    "not_applicable": [position[name] for name in source.not_applicable],
                }
                for source in self.sources
            ],
            "findings": [finding.to_dict() for finding in self.findings],
        }

    def source(self, table: str, row: str, column: str) -> CellSource:
        for source in self.sources:
            if (source.table, source.row, source.column) == (table, row, column):
                return source
        raise KeyError(f"no cell {table}/{row}/{column}")


def _body_key(name: str) -> str:
    return re.sub(r"\s+", "", name)


def _named(reports: Mapping[str, Report] | Iterable[Report]) -> list[tuple[str, Report]]:
    if isinstance(reports, Mapping):
        named = list(reports.items())
    else:
        named = [(report.metadata.issuing_body, report) for report in reports]
    problems = [
        f"input {name}: not a report but {type(report).__name__}"
        for name, report in named
        if not isinstance(report, Report)
    ]
    if problems:
        raise AggregateError(problems)
    return named


def _refusals(named: list[tuple[str, Report]], year: int) -> list[str]:
    problems = [
        f"{name}: a report of {report.metadata.year}, not {year}"
        for name, report in named
        if report.metadata.year != year
    ]
    by_body: dict[str, list[str]] = {}
    for name, report in named:
        by_body.setdefault(_body_key(report.metadata.issuing_body), []).append(name)
    problems += [
        f"{', '.join(names)}: the same body ({body}) {len(names)} times"
        for body, names in by_body.items()
        if len(names) > 1
    ]
    return problems


def _listing(names: tuple[str, ...]) -> str:
    shown = "、".join(names[:NAMED_INPUTS])
    return shown + (f"等{len(names)}份" if len(names) > NAMED_INPUTS else "")


TableT = TypeVar("TableT", bound=StatisticsTable)


def _sum_table(
    tables: list[tuple[str, StatisticsTable]], cls: type[TableT]
) -> tuple[TableT, list[CellSource], list[Finding]]:
    cells: list[Cell] = []
    sources: list[CellSource] = []
    findings: list[Finding] = []
    for index, spec in enumerate(cls.SPEC.cells):
        numbers, blank, not_applicable = [], [], []
        total: int | Decimal | None = None
        for name, table in tables:
            cell = table.cells[index]
            if cell.is_number and cell.value is not None:
                numbers.append(name)
                # Started from the first value, not 0: one input's Decimal keeps its exponent.
                total = cell.value if total is None else add_exactly(total, cell.value)
            elif cell.is_not_applicable:
                not_applicable.append(name)
            else:
                blank.append(name)
        # A cell every input writes the same way (one "/" mark, one blank's text) is kept as written.
        first = tables[0][1].cells[index]
        same = all(table.cells[index] == first for _name, table in tables[1:])
        source = CellSource(
            table=cls.SPEC.key,
            row=spec.row,
            column=spec.column,
            numbers=tuple(numbers),
            blank=tuple(blank),
            not_applicable=tuple(not_applicable),
        )
        sources.append(source)
        location = Location(section=cls.SPEC.key, table=cls.SPEC.key, row=spec.row, column=spec.column)
        if blank:
            cells.append(first if same else BLANK)
            findings.append(
                Finding(
                    rule="aggregate.blank",
                    severity=Severity.WARNING,
                    message=f"{_listing(source.blank)}此项空白，合计无法得出，保持空白",
                    location=location,
                    found=f"{len(blank)}/{len(tables)}",
                )
            )
        elif total is not None:
            cells.append(Cell.number(total))
            if not_applicable:
                findings.append(
                    Finding(
                        rule="aggregate.not_applicable",
                        severity=Severity.INFO,
                        message=f"{_listing(source.not_applicable)}此项不适用，合计只含其余{len(numbers)}份",
                        location=location,
                        found=f"{len(not_applicable)}/{len(tables)}",
                    )
                )
        else:
            cells.append(first if same else Cell.not_applicable())
    return cls(cells=tuple(cells)), sources, findings


def aggregate(
    reports: Mapping[str, Report] | Iterable[Report],
    *,
    body: str,
    year: int,
    body_kind: BodyKind | str = BodyKind.OTHER,
) -> Aggregate:
    """Sum the tables of many bodies' reports of ``year`` into one report of ``body``.

    ``reports`` maps input names (file names) to reports, or is just the reports (then each is
    named by its issuing body). Raises :class:`AggregateError` listing every input of another year
    and every body given twice; no input at all is refused too.
    """
    named = _named(reports)
    if not named:
        raise AggregateError(["no input report"])
    problems = _refusals(named, year)
    if problems:
        raise AggregateError(problems)
    sources: list[CellSource] = []
    findings: list[Finding] = []

    def summed(cls: type[TableT]) -> TableT:
        table, table_sources, table_findings = _sum_table(
            [(name, getattr(report, cls.SPEC.key)) for name, report in named], cls
        )
        sources.extend(table_sources)
        findings.extend(table_findings)
        return table

    names = tuple(name for name, _ in named)
    report = Report(
        metadata=Metadata(issuing_body=body, year=year, body_kind=body_kind, period=Period.calendar_year(year)),
        preamble=(Paragraph(text=f"本报告的统计表为{len(names)}份{year}年度报告的合计。"),),
        active_disclosure=summed(ActiveDisclosureTable),
        applications=summed(ApplicationsTable),
        review_litigation=summed(ReviewLitigationTable),
    )
    return Aggregate(report=report, inputs=names, sources=tuple(sources), findings=tuple(findings))
