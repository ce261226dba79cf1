"""The rule ``plausibility.regulations.level``: 规章 reported by a body that cannot make them."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.support.bodies import Level
from govreport.checks.support.labels import cell_location, cell_name
from govreport.findings import Finding
from govreport.spec import ACTIVE_DISCLOSURE, ActiveColumn, ActiveRow

rules = RuleSet()

_AD = ACTIVE_DISCLOSURE.key
_REGULATIONS = ACTIVE_DISCLOSURE.row(ActiveRow.REGULATIONS).label
_LEVEL_NAMES = {Level.TOWNSHIP: "乡镇（街道）", Level.COUNTY: "县级"}


@rules.rule(
    "plausibility.regulations.level",
    "warning",
    "Table 二 reports 规章 (issued, repealed or in force above 0) for a county-level or township body (by kind, or "
    "by 县/区/旗/乡/镇/街道 in its name): only provincial and 设区的市 governments make 规章.",
)
def regulations_level(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    level = context.level
    if level not in _LEVEL_NAMES:
        return
    table = context.report.active_disclosure
    for column in (ActiveColumn.ISSUED, ActiveColumn.REPEALED, ActiveColumn.IN_FORCE):
        cell = table[ActiveRow.REGULATIONS, column]
        if cell.is_number and cell.value:
            yield emit(
                f"{cell_name(_AD, ActiveRow.REGULATIONS, column)}为{cell}，但{_REGULATIONS}只能由省、自治区、直辖市和"
                f"设区的市、自治州人民政府制定，{_LEVEL_NAMES[level]}机关“{context.report.metadata.issuing_body}”"
                f"报告的{_REGULATIONS}数量应为0（是否应填在规范性文件一行？）",
                cell_location(_AD, ActiveRow.REGULATIONS, column),
                expected=0,
                found=cell,
            )
