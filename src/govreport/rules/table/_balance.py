"""Checking one identity of the tables and saying, with the cells' values, how it is out of balance."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from govreport.checks.context import CheckContext
from govreport.checks.engine import Emit
from govreport.checks.support.labels import Address, cell_location, number, table_name
from govreport.findings import Finding
from govreport.model import Cell
from govreport.rules.table._identities import IDENTITIES, Identity

_SHOWN = 7  # a side with more cells than this is shown by its sum alone


def _side(name: str, addresses: tuple[Address, ...], value: int | Decimal, cells: dict[Address, Cell]) -> str:
    if 1 < len(addresses) <= _SHOWN:
        terms = " + ".join(str(cells[address]) for address in addresses)
        return f"{name} = {terms} = {number(value)}"
    return f"{name}为{number(value)}"


def check_identity(identity: Identity, context: CheckContext, emit: Emit) -> Iterator[Finding]:
    expected = context.total(identity.summed)
    found = context.total(identity.stated)
    if expected is None or found is None or expected == found:
        return
    cells = context.cells
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


def identities_of(rule_id: str) -> list[Identity]:
    return [identity for identity in IDENTITIES if identity.rule == rule_id]
