"""Built-in rules about single cells: text that is not a number, blank cells, not-applicable cells.

A blank is a missing value, not 0; these rules count and locate them, table by table, so a
reviewer sees at once how much of a table was left empty.
"""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.labels import cell_location, cell_name, short_cell, table_name
from govreport.findings import Finding, Location
from govreport.formats import Check
from govreport.hookspecs import hookimpl
from govreport.spec import TABLES, ValueKind

rules = RuleSet()

_LISTED = 5  # how many cells a message names before "…"


def _names(table: str, cells: list[Location]) -> str:
    named = "、".join(short_cell(table, cell.row or "", cell.column or "") for cell in cells[:_LISTED])
    return named + ("…" if len(cells) > _LISTED else "")


@rules.rule(
    "table.value.type",
    "error",
    "A cell holds text that is not a number of its kind: a count must be a non-negative whole number, "
    'an amount in 万元 a non-negative decimal ("约5", "5.5" in a count, "12万").',
    example=f"{cell_name('applications', 'new_requests', 'total')}写的是“约5”，不是非负整数",
)
def value_type(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    for spec, table in zip(TABLES, context.report.tables, strict=True):
        for cell_spec, cell in table.items():
            if cell.is_blank and cell.raw and cell.raw.strip():
                kind = "非负整数" if cell_spec.kind is ValueKind.COUNT else "以万元为单位的非负数"
                yield emit(
                    f"{cell_name(spec.key, cell_spec.row, cell_spec.column)}写的是“{cell.raw}”，不是{kind}",
                    cell_location(spec.key, cell_spec.row, cell_spec.column),
                    found=cell.raw,
                )


@rules.rule(
    "table.blank",
    "error",
    "A table has blank cells (missing values; a blank is not 0). The format requires a number in every cell, "
    "so a published report with a blank is incomplete — typically a row lost when the report was converted, "
    "which the importer's finding explains. One finding per table, with every blank cell listed in `cells`; "
    "a table with no value at all is `structure.section.empty` instead.",
    example="表二有9个空白单元格（共10个），空白不等于0，应填写数字",
)
def blank_cells(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    for spec, table in zip(TABLES, context.report.tables, strict=True):
        blanks = [
            cell_location(spec.key, cell_spec.row, cell_spec.column)
            for cell_spec, cell in table.items()
            if cell.is_blank and not (cell.raw and cell.raw.strip())  # text that is not a number: table.value.type
        ]
        if blanks and not all(cell.is_blank and not cell.raw for cell in table.cells):
            yield emit(
                f"{table_name(spec.key)}有{len(blanks)}个空白单元格（共{len(spec.cells)}个），"
                f"空白不等于0，应填写数字：{_names(spec.key, blanks)}",
                cell_location(spec.key),
                found=str(len(blanks)),
                cells=blanks,
            )


@rules.rule(
    "table.not_applicable",
    "info",
    'A table has cells marked not applicable ("/", "—"); every cell of the official tables applies, '
    "so each is listed for a reviewer to confirm.",
    example="表三有6个单元格填写为“不适用”（/、—等）：…",
)
def not_applicable_cells(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    for spec, table in zip(TABLES, context.report.tables, strict=True):
        marked = [
            cell_location(spec.key, cell_spec.row, cell_spec.column)
            for cell_spec, cell in table.items()
            if cell.is_not_applicable
        ]
        if marked:
            yield emit(
                f"{table_name(spec.key)}有{len(marked)}个单元格填写为“不适用”（/、—等）：{_names(spec.key, marked)}",
                cell_location(spec.key),
                found=str(len(marked)),
                cells=marked,
            )


@hookimpl
def register_checks() -> list[Check]:
    return list(rules.checks)
