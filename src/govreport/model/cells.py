"""A table cell in one of three states: a number, blank (missing) or not applicable."""

from __future__ import annotations

import decimal
import enum
import re
import sys
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from govreport.spec import NOT_APPLICABLE_MARKS, ValueKind

#: Arithmetic on amounts with no rounding: Python's default context keeps 28 digits, and a sum or
#: a difference of cells must never be a rounded number (an amount may hold more digits).
EXACT = decimal.Context(prec=decimal.MAX_PREC, traps=[decimal.Inexact, decimal.InvalidOperation])


def add_exactly(a: int | Decimal, b: int | Decimal) -> int | Decimal:
    """``a + b`` with no rounding, whatever the current decimal context."""
    if isinstance(a, int) and isinstance(b, int):
        return a + b
    return EXACT.add(Decimal(a), Decimal(b))


def subtract_exactly(a: int | Decimal, b: int | Decimal) -> int | Decimal:
    """``a - b`` with no rounding, whatever the current decimal context."""
    if isinstance(a, int) and isinstance(b, int):
        return a - b
    return EXACT.subtract(Decimal(a), Decimal(b))


class CellState(enum.StrEnum):
    NUMBER = "number"
    BLANK = "blank"
    NOT_APPLICABLE = "not_applicable"


def _check_cell(cell: Cell, _attribute: Any, _value: Any) -> None:
    value = cell.value
    if cell.state is CellState.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise TypeError(f"a number cell holds an int or a Decimal, not {type(value).__name__}")
        if isinstance(value, Decimal) and not value.is_finite():
            raise ValueError(f"a number cell must be finite, not {value}")
        if value < 0:
            raise ValueError(f"a number cell must not be negative, not {value}")
        if cell.raw is not None:
            raise ValueError("a number cell keeps no raw text")
    elif value is not None:
        raise ValueError(f"a {cell.state.value} cell holds no value")
    if cell.raw is not None and not isinstance(cell.raw, str):
        raise TypeError("raw text must be a str")


def _normalize_value(value: Any) -> Any:
    # Decimal("-0") equals 0 but would print as "-0"; a cell never holds a sign.
    if isinstance(value, Decimal) and value.is_zero() and value.is_signed():
        return value.copy_abs()
    return value


@attrs.frozen(kw_only=True)
class Cell:
    """One value cell of an official table.

    ``raw`` keeps the text as it was written when it was not a number ("/", "—", "约5").
    Nothing here turns a blank into 0: a renderer decides how a blank is shown.
    """

    state: CellState = attrs.field(converter=CellState)
    value: int | Decimal | None = attrs.field(default=None, converter=_normalize_value, validator=_check_cell)
    raw: str | None = None

    @classmethod
    def number(cls, value: int | Decimal) -> Cell:
        return cls(state=CellState.NUMBER, value=value)

    @classmethod
    def blank(cls, raw: str | None = None) -> Cell:
        return cls(state=CellState.BLANK, raw=raw)

    @classmethod
    def not_applicable(cls, raw: str | None = "/") -> Cell:
        return cls(state=CellState.NOT_APPLICABLE, raw=raw)

    @classmethod
    def of(cls, value: Cell | int | Decimal | None) -> Cell:
        """A cell from a convenient Python value: a number, ``None`` (blank) or a cell."""
        if isinstance(value, Cell):
            return value
        if value is None:
            return BLANK
        return cls.number(value)

    @classmethod
    def from_text(cls, text: str, kind: ValueKind = ValueKind.COUNT) -> Cell:
        """Read a cell as printed in a table: digits, a not-applicable mark, or anything else.

        Text that is neither a number nor a mark becomes a blank cell that keeps the text, so
        nothing is lost and nothing is guessed.
        """
        stripped = text.strip().strip("\u3000")
        if not stripped:
            return BLANK
        if stripped in NOT_APPLICABLE_MARKS:
            return cls.not_applicable(stripped)
        # Full-width forms (１２，３４５．６) as ASCII, and nothing else: NFKC would also read a
        # footnote mark (5¹ → 51) or a circled number (① → 1) as digits, a wrong number.
        normal = stripped.translate(_FULL_WIDTH)
        if _THOUSANDS.fullmatch(normal):
            normal = normal.replace(",", "")
        # More digits than Python converts to an int (sys.get_int_max_str_digits()) is no count.
        if kind is ValueKind.COUNT and normal.isascii() and normal.isdigit() and convertible_digits(normal):
            return cls.number(int(normal))
        if kind is ValueKind.AMOUNT and _DECIMAL.fullmatch(normal):
            try:
                return cls.number(Decimal(normal))
            except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
                pass
        return cls.blank(raw=stripped)

    @property
    def is_number(self) -> bool:
        return self.state is CellState.NUMBER

    @property
    def is_blank(self) -> bool:
        return self.state is CellState.BLANK

    @property
    def is_not_applicable(self) -> bool:
        return self.state is CellState.NOT_APPLICABLE

    def __str__(self) -> str:
        if self.state is CellState.NUMBER:
            return format(self.value, "f") if isinstance(self.value, Decimal) else str(self.value)
        return self.raw or ""


_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
_DECIMAL = re.compile(r"\d+(\.\d+)?")


def convertible_digits(digits: str) -> bool:
    """Whether Python converts this many digits to an int (``sys.get_int_max_str_digits()``)."""
    limit = sys.get_int_max_str_digits()
    return limit == 0 or len(digits) <= limit


BLANK = Cell(state=CellState.BLANK)
