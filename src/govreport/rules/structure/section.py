"""The rule ``structure.section.empty``: a section that says nothing."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.support.labels import cell_location
from govreport.checks.support.narrative import has_text
from govreport.findings import Finding, Location
from govreport.spec import SECTIONS, TABLES

rules = RuleSet()

TABLE_KEYS = {spec.key for spec in TABLES}


@rules.rule(
    "structure.section.empty",
    "error",
    "A section says nothing: a narrative section (一, 五, 六) without text, or a table section (二, 三, 四) "
    "whose table is entirely blank.",
)
def empty_section(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    report = context.report
    for spec in SECTIONS:
        if spec.key in TABLE_KEYS:
            table = getattr(report, spec.key)
            if all(cell.is_blank and not cell.raw for cell in table.cells):
                yield emit(
                    f"“{spec.heading}”的表格全部空白（{len(table.cells)}个单元格均未填写），没有任何数据",
                    cell_location(spec.key),
                    cells=[cell_location(spec.key, c.row, c.column) for c in table.SPEC.cells],
                )
        elif not has_text(context.passages_in(spec.key)):
            yield emit(f"“{spec.heading}”部分没有内容", Location(section=spec.key))
