"""Built-in rules: every identity of the 2021 format, for every row and column it applies to.

An identity with a blank or not-applicable cell is not checked as if the blank were 0: it is
reported as not checkable (``table.identity.incomplete``) with the cells that stop it, unless every
cell of it is empty (then ``table.blank`` already says so, once per table).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit, RuleSet
from govreport.checks.identities import (
    BALANCE,
    IDENTITIES,
    RESULTS_TOTAL,
    REVIEW_TOTAL,
    ROW_TOTAL,
    Identity,
)
from govreport.checks.labels import (
    Address,
    cell_location,
    cell_name,
    cells_named,
    column_label,
    number,
    row_label,
    table_name,
    total,
)
from govreport.findings import Finding
from govreport.formats import Check
from govreport.hookspecs import hookimpl
from govreport.model import Cell

rules = RuleSet()


_SHOWN = 7  # a side with more cells than this is shown by its sum alone


def _side(name: str, addresses: tuple[Address, ...], value: int | Decimal, cells: dict[Address, Cell]) -> str:
    if 1 < len(addresses) <= _SHOWN:
        terms = " + ".join(str(cells[address]) for address in addresses)
        return f"{name} = {terms} = {number(value)}"
    return f"{name}为{number(value)}"


def _check(identity: Identity, context: CheckContext, emit: Emit) -> Iterator[Finding]:
    cells = context.cells
    expected = total(cells[address] for address in identity.summed)
    found = total(cells[address] for address in identity.stated)
    if expected is None or found is None or expected == found:
        return
    difference = Decimal(found) - Decimal(expected)
    sign = "多" if difference > 0 else "少"
    yield emit(
        f"{table_name(identity.table)}{identity.where}不平衡："
        f"{_side(identity.stated_name, identity.stated, found, cells)}，"
        f"但{_side(identity.summed_name, identity.summed, expected, cells)}（{sign}{number(abs(difference))}）",
        identity.location,
        expected=expected,
        found=found,
        formula=identity.formula,
        cells=[cell_location(*address) for address in identity.cells],
    )


def _rule(rule_id: str) -> list[Identity]:
    return [identity for identity in IDENTITIES if identity.rule == rule_id]


@rules.rule(
    BALANCE,
    "error",
    "Table 三, in any of the 7 columns: `new_requests` + `carried_over` ≠ `results_total` + `carried_forward` "
    "(一 + 二 = 三（七） + 四, the identity printed in the table's own header).",
    example="表三「自然人」列不平衡：三（七） + 四 = 283 + 16 = 299，但一 + 二 = 286 + 12 = 298（多1）",
)
def balance(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    for identity in _rule(BALANCE):
        yield from _check(identity, context, emit)


@rules.rule(
    RESULTS_TOTAL,
    "error",
    "Table 三, in any of the 7 columns: `results_total` (三（七）) ≠ the sum of the 21 result rows "
    "三（一） … 三（六）3.",
    example="表三「自然人」列不平衡：三（七）为284，但三（一）至三（六）3各项之和为283（多1）",
)
def results_total(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    for identity in _rule(RESULTS_TOTAL):
        yield from _check(identity, context, emit)


@rules.rule(
    ROW_TOTAL,
    "error",
    "Table 三, in any of the 25 rows: `total` ≠ the sum of the six applicant columns.",
    example=f"表三「{row_label('applications', 'granted')}」行不平衡：总计为140，"
    "但自然人至其他各列之和 = 121 + 11 + 1 + 1 + 3 + 2 = 139（多1）",
)
def row_total(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    for identity in _rule(ROW_TOTAL):
        yield from _check(identity, context, emit)


@rules.rule(
    REVIEW_TOTAL,
    "error",
    "Table 四, in each of its three rows (`administrative_review`, `lawsuit_direct`, `lawsuit_after_review`): "
    "`total` ≠ `upheld` + `corrected` + `other` + `pending`.",
    example=f"表四「{row_label('review_litigation', 'administrative_review')}」不平衡："
    f"总计为10，但{column_label('review_litigation', 'upheld')}至{column_label('review_litigation', 'pending')}"
    "各项之和 = 6 + 1 + 1 + 1 = 9（多1）",
)
def review_total(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    for identity in _rule(REVIEW_TOTAL):
        yield from _check(identity, context, emit)


@rules.rule(
    "table.identity.incomplete",
    "info",
    "An identity of tables 三 or 四 that has some numbers but also blank or not-applicable cells: it "
    "cannot be checked (a blank is not 0); the cells that stop it are named. Identities with no number "
    "at all are left to `table.blank`.",
    example=f"无法核对表三「总计」列的勾稽关系，因为{cell_name('applications', 'carried_over', 'total')}为空白",
)
def incomplete(context: CheckContext, emit: Emit) -> Iterator[Finding]:
    cells = context.cells
    for identity in IDENTITIES:
        missing = [address for address in identity.cells if not cells[address].is_number]
        if not missing or len(missing) == len(identity.cells):
            continue
        blank = [address for address in missing if cells[address].is_blank]
        marked = [address for address in missing if not cells[address].is_blank]
        reasons = [f"{cells_named(blank)}为空白"] if blank else []
        reasons += [f"{cells_named(marked)}填写为不适用"] if marked else []
        named = "，".join(reasons)
        yield emit(
            f"无法核对{table_name(identity.table)}{identity.where}的勾稽关系，因为{named}",
            identity.location,
            formula=identity.formula,
            cells=[cell_location(*address) for address in missing],
        )


@hookimpl
def register_checks() -> list[Check]:
    return list(rules.checks)
