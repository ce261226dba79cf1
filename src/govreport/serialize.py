"""The JSON document: one private cattrs converter, strict on the way in, lossless both ways.

The document is the report's fields plus ``schema_version``. A table is
``{"cells": {row: {column: cell}}, "notes": [...]}``; a cell is a JSON integer (a count), a
decimal string such as ``"59237.2449"`` (an amount in 万元), ``null`` (blank), a
not-applicable mark such as ``"/"``, or ``{"state": ..., "raw": ...}`` for a blank or
not-applicable cell with other text. Every problem in a document is collected and reported
with its JSON path; nothing half-loads.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from govreport.errors import ReportValidationError
from govreport.model import (
    BLANK,
    BLOCK_TYPES,
    TABLE_TYPES,
    Cell,
    CellState,
    Heading,
    Item,
    Paragraph,
    Report,
    StatisticsTable,
)
from govreport.spec import NOT_APPLICABLE_MARKS, SECTIONS, ValueKind

#: Version of the JSON document's shape; bumped on any incompatible change.
SCHEMA_VERSION = 1

#: The largest JSON document read. A report's document is 50–100 kB, and one holding as much text as
#: any importer reads (4 MB) some 13 MB; parsed, every small object of the text costs tens of times
#: its size in memory, so this bounds what loading takes.
MAX_JSON_BYTES = 16 * 1024 * 1024
#: The longest number literal read, in characters. No count or amount comes near; Python refuses
#: integers of more than 4,300 digits, and converting long ones takes time quadratic in their length.
MAX_NUMBER_LENGTH = 100

_T = TypeVar("_T")
_DECIMAL_TEXT = re.compile(r"[0-9]+(\.[0-9]+)?")  # ASCII digits only: "５" is not silently "5"


class _Invalid(ValueError):
    """A value that does not fit its place; the message says why (the path comes from the notes)."""


@attrs.frozen
class _LongNumber:
    """A number literal longer than MAX_NUMBER_LENGTH, kept unread in the parsed document so that
    the problem is reported with its JSON path where the number stands."""

    length: int

    def __str__(self) -> str:
        return f"a number {self.length:,} characters long"

    def problem(self) -> str:
        return f"{self}; numbers are read up to {MAX_NUMBER_LENGTH} characters (MAX_NUMBER_LENGTH)"


def _attribute_error(errors: list[Exception], name: str, exc: Exception, cl: type) -> None:
    exc.__notes__ = [*getattr(exc, "__notes__", []), AttributeValidationNote(f"@ {name}", name, cl)]
    errors.append(exc)


# --- primitives, strictly: cattrs' defaults would turn 5 into "5" and 1.7 into 1 ----------------


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _structure_str(value: Any, _cl: type) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"expected a string, got {_json_type(value)}")
    if _LONE_SURROGATE.search(value):
        raise _Invalid("not valid Unicode text: a lone surrogate (\\ud800-\\udfff) cannot be stored as UTF-8")
    return value


def _structure_int(value: Any, _cl: type) -> int:
    if isinstance(value, _LongNumber):
        raise _Invalid(value.problem())
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid(f"expected an integer, got {_json_type(value)}")
    return value


def _structure_bool(value: Any, _cl: type) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"expected true or false, got {_json_type(value)}")
    return value


def _structure_date(value: Any, _cl: type) -> dt.date:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise _Invalid(f"expected a date as YYYY-MM-DD, got {_json_repr(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _Invalid(f"not a calendar date: {value}") from None


def _structure_enum(value: Any, cl: type[enum.Enum]) -> enum.Enum:
    allowed = [member.value for member in cl]
    if isinstance(value, str) and value in allowed:
        return cl(value)
    raise _Invalid(f"expected one of {', '.join(map(str, allowed))}; got {_json_repr(value)}")


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float | Decimal):
        return "a number"
    if isinstance(value, _LongNumber):
        return str(value)
    if isinstance(value, str):
        return "a string"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "an array"
    return type(value).__name__


def _json_repr(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:37] + "..."


# --- cells and tables ---------------------------------------------------------------------------


def _structure_number(value: int | float | Decimal, kind: ValueKind) -> Cell:
    if isinstance(value, float) and not math.isfinite(value):
        raise _Invalid("expected a finite number")
    if isinstance(value, Decimal) and not value.is_finite():
        raise _Invalid("expected a finite number")
    if isinstance(value, Decimal) and value.adjusted() >= MAX_NUMBER_LENGTH:
        # 1e999999 is a short literal; int() of it alone would take minutes.
        raise _Invalid(f"too large: {value}")
    if value < 0:
        raise _Invalid(f"must not be negative, got {value}")
    if kind is ValueKind.COUNT:
        if isinstance(value, int):
            return Cell.number(value)
        if value != int(value):
            raise _Invalid(f"a count is a whole number, got {value}")
        return Cell.number(int(value))
    if isinstance(value, int):
        return Cell.number(Decimal(value))
    if isinstance(value, float):
        return Cell.number(Decimal(repr(value)))
    # A JSON number for an amount: accept it only when a reader that parses JSON numbers as
    # binary floats would read the same value; otherwise digits would be lost elsewhere.
    if Decimal(repr(float(value))) != value:
        raise _Invalid(f'the amount {value} would lose digits as a JSON number; write it as a string: "{value}"')
    return Cell.number(value)


def _structure_cell(value: Any, kind: ValueKind) -> Cell:
    if value is None:
        return BLANK
    if isinstance(value, _LongNumber):
        raise _Invalid(value.problem())
    if isinstance(value, bool):
        raise _Invalid("expected a number, null or a not-applicable mark, got a boolean")
    if isinstance(value, int | float | Decimal):
        return _structure_number(value, kind)
    if isinstance(value, str):
        if value in NOT_APPLICABLE_MARKS:
            return Cell.not_applicable(value)
        if kind is ValueKind.AMOUNT and _DECIMAL_TEXT.fullmatch(value):
            return Cell.number(Decimal(value))
        expected = 'a decimal string such as "12.5"' if kind is ValueKind.AMOUNT else "an integer"
        raise _Invalid(
            f"expected {expected}, null or a not-applicable mark ({' '.join(NOT_APPLICABLE_MARKS)}); "
            f"got {_json_repr(value)}"
        )
    if isinstance(value, Mapping):
        return _structure_cell_object(value, kind)
    raise _Invalid(f"expected a cell value, got {_json_type(value)}")


def _structure_cell_object(value: Mapping[str, Any], kind: ValueKind) -> Cell:
    unknown = sorted(set(value) - {"state", "value", "raw"})
    if unknown:
        raise _Invalid(f"unknown keys in a cell: {', '.join(unknown)}")
    state = value.get("state")
    if state not in {s.value for s in CellState}:
        raise _Invalid(f"a cell's state is one of number, blank, not_applicable; got {_json_repr(state)}")
    raw = value.get("raw")
    if raw is not None:
        raw = _structure_str(raw, str)
    if state == CellState.NUMBER:
        if "value" not in value or value["value"] is None:
            raise _Invalid("a number cell needs a value")
        if raw is not None:
            raise _Invalid("a number cell keeps no raw text")
        return _structure_cell(value["value"], kind)
    if value.get("value") is not None:
        raise _Invalid(f"a {state} cell holds no value")
    return Cell(state=CellState(state), raw=raw)


def _unstructure_cell(cell: Cell) -> Any:
    if cell.state is CellState.NUMBER:
        return format(cell.value, "f") if isinstance(cell.value, Decimal) else cell.value
    if cell.state is CellState.BLANK and cell.raw is None:
        return None
    if cell.state is CellState.NOT_APPLICABLE and cell.raw in NOT_APPLICABLE_MARKS:
        return cell.raw
    return {"state": cell.state.value, "raw": cell.raw}


def _make_table_hooks(
    converter: cattrs.Converter, cls: type[StatisticsTable]
) -> tuple[Callable[[Any, type], StatisticsTable], Callable[[StatisticsTable], dict[str, Any]]]:
    spec = cls.SPEC

    def structure(value: Any, _cl: type) -> StatisticsTable:
        if not isinstance(value, Mapping):
            raise _Invalid(f"expected an object with cells and notes, got {_json_type(value)}")
        errors: list[Exception] = []
        unknown = sorted(set(value) - {"cells", "notes"})
        if unknown:
            errors.append(_Invalid(f"unknown keys: {', '.join(unknown)}"))
        cells = list(cls().cells)
        rows = value.get("cells", {})
        if not isinstance(rows, Mapping):
            _attribute_error(errors, "cells", _Invalid(f"expected an object of rows, got {_json_type(rows)}"), cls)
            rows = {}
        row_errors: list[Exception] = []
        for row_key, columns in rows.items():
            if row_key not in spec.row_index:
                _attribute_error(row_errors, row_key, _Invalid(f"table {spec.number} has no row {row_key!r}"), cls)
                continue
            if not isinstance(columns, Mapping):
                _attribute_error(
                    row_errors, row_key, _Invalid(f"expected an object of columns, got {_json_type(columns)}"), cls
                )
                continue
            cell_errors: list[Exception] = []
            for column_key, cell_value in columns.items():
                index = spec.cell_index.get((row_key, column_key))
                if index is None:
                    message = f"row {row_key!r} of table {spec.number} has no column {column_key!r}"
                    _attribute_error(cell_errors, column_key, _Invalid(message), cls)
                    continue
                try:
                    cells[index] = _structure_cell(cell_value, spec.cells[index].kind)
                except _Invalid as exc:
                    _attribute_error(cell_errors, column_key, exc, cls)
            if cell_errors:
                _attribute_error(row_errors, row_key, ClassValidationError("bad cells", cell_errors, cls), cls)
        if row_errors:
            _attribute_error(errors, "cells", ClassValidationError("bad rows", row_errors, cls), cls)
        notes: Any = ()
        if "notes" in value:
            try:
                notes = converter.structure(value["notes"], tuple[Paragraph | Heading | Item, ...])
            except Exception as exc:  # noqa: BLE001 - collected and reported with its path
                _attribute_error(errors, "notes", exc, cls)
        if errors:
            raise ClassValidationError(f"bad table {spec.key}", errors, cls)
        return cls(cells=tuple(cells), notes=notes)

    def unstructure(table: StatisticsTable) -> dict[str, Any]:
        rows: dict[str, dict[str, Any]] = {}
        for cell_spec, cell in table.items():
            rows.setdefault(str(cell_spec.row), {})[str(cell_spec.column)] = _unstructure_cell(cell)
        return {"cells": rows, "notes": converter.unstructure(table.notes)}

    return structure, unstructure


# --- blocks: a union tagged by "type" ------------------------------------------------------------

_BLOCK_TAGS = {cls: tag for tag, cls in BLOCK_TYPES.items()}


def _make_block_hooks(
    converter: cattrs.Converter,
) -> tuple[Callable[[Any, type], Any], Callable[[Any], dict[str, Any]]]:
    generated = {
        cls: make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True) for cls in BLOCK_TYPES.values()
    }

    def structure_one(value: Any, cl: type) -> Any:
        # A block carries its "type" wherever it stands, also where only one type fits.
        if isinstance(value, Mapping) and "type" in value:
            if value["type"] != _BLOCK_TAGS[cl]:
                raise _Invalid(f"expected a block of type {_BLOCK_TAGS[cl]}, got {_json_repr(value['type'])}")
            value = {key: item for key, item in value.items() if key != "type"}
        return generated[cl](value, cl)

    def structure(value: Any, _cl: type) -> Any:
        if not isinstance(value, Mapping):
            raise _Invalid(f"expected a block object, got {_json_type(value)}")
        tag = value.get("type")
        block_type = BLOCK_TYPES.get(tag) if isinstance(tag, str) else None
        if block_type is None:
            raise _Invalid(f"a block's type is one of {', '.join(BLOCK_TYPES)}; got {_json_repr(tag)}")
        return structure_one(value, block_type)

    def unstructure(block: Any) -> dict[str, Any]:
        fields = {"type": _BLOCK_TAGS[type(block)]}
        fields.update(converter.unstructure_attrs_asdict(block))
        return fields

    for block_type in BLOCK_TYPES.values():
        converter.register_structure_hook(block_type, structure_one)
    return structure, unstructure


# --- the report: every section must be present ---------------------------------------------------

_REPORT_FIELDS = attrs.fields_dict(Report)
_REQUIRED_REPORT_KEYS = ("metadata", "preamble", *(section.key for section in SECTIONS), "signature")


def _make_report_hook(converter: cattrs.Converter) -> Callable[[Any, type], Report]:
    generated = make_dict_structure_fn(Report, converter, _cattrs_forbid_extra_keys=True)

    def structure(value: Any, cl: type) -> Report:
        if not isinstance(value, Mapping):
            raise _Invalid(f"expected a report object, got {_json_type(value)}")
        errors: list[Exception] = []
        for key in _REQUIRED_REPORT_KEYS:
            # Fields without a default are reported missing by cattrs itself; say it once.
            if key not in value and _REPORT_FIELDS[key].default is not attrs.NOTHING:
                _attribute_error(errors, key, _Invalid("required key missing"), Report)
        try:
            report = generated(value, cl)
        except ClassValidationError as exc:
            errors.extend(exc.exceptions)
        if errors:
            raise ClassValidationError("bad report", errors, Report)
        return report

    return structure


def _build_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    # StrEnum before str: a StrEnum is a str, and the str hook would accept any string.
    converter.register_structure_hook(enum.StrEnum, _structure_enum)
    converter.register_unstructure_hook_func(
        lambda cl: isinstance(cl, type) and issubclass(cl, enum.Enum), lambda member: member.value
    )
    for table_type in TABLE_TYPES.values():
        structure_table, unstructure_table = _make_table_hooks(converter, table_type)
        converter.register_structure_hook(table_type, structure_table)
        converter.register_unstructure_hook(table_type, unstructure_table)
    structure_block, unstructure_block = _make_block_hooks(converter)
    converter.register_structure_hook(Paragraph | Heading | Item, structure_block)
    for block_type in BLOCK_TYPES.values():
        converter.register_unstructure_hook(block_type, unstructure_block)
    converter.register_structure_hook(Report, _make_report_hook(converter))
    return converter


_converter = _build_converter()


# --- errors with paths ------------------------------------------------------------------------------


def _describe(exc: BaseException) -> str:
    if isinstance(exc, _Invalid):
        return str(exc)
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown keys: {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, KeyError):
        return "required key missing"
    if isinstance(exc, TypeError) and "not iterable" in str(exc):
        return "expected an array"
    if isinstance(exc, AttributeError) and "items" in str(exc):
        return "expected an object"
    return str(exc) or type(exc).__name__


def _problems(exc: BaseException, path: str) -> list[str]:
    if isinstance(exc, ClassValidationError | IterableValidationError):
        found: list[str] = []
        with_notes, without = exc.group_exceptions()
        for child, note in with_notes:
            if isinstance(note, IterableValidationNote):
                child_path = f"{path}[{note.index!r}]"
            else:
                child_path = f"{path}.{note.name}"
            found.extend(_problems(child, child_path))
        for child in without:
            found.extend(_problems(child, path))
        return found
    return [f"{path}: {_describe(exc)}"]


# --- public functions ------------------------------------------------------------------------------


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _parse_int(text: str) -> int | _LongNumber:
    return _LongNumber(len(text)) if len(text) > MAX_NUMBER_LENGTH else int(text)


def _parse_decimal(text: str) -> Decimal | _LongNumber:
    return _LongNumber(len(text)) if len(text) > MAX_NUMBER_LENGTH else Decimal(text)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r} in an object")
        result[key] = value
    return result


def _not_utf8(data: bytes, exc: UnicodeDecodeError) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "not UTF-8 text but UTF-16 (it starts with a UTF-16 byte-order mark); save the file as UTF-8"
    start = exc.start
    line = data.count(b"\n", 0, start) + 1
    column = start - (data.rfind(b"\n", 0, start) + 1) + 1
    return f"not UTF-8 text: byte 0x{data[start]:02x} at line {line}, column {column} (byte {start} of the file)"


def parse_json(data: str | bytes, *, source: str | None = None) -> Any:
    """Parse JSON text strictly: exact decimals, no NaN, no duplicate keys, bounded in size."""
    if len(data) > MAX_JSON_BYTES:
        size = f"{len(data) / (1024 * 1024):.1f} MB"
        raise ReportValidationError(
            [f"{size} of JSON, more than the {MAX_JSON_BYTES // (1024 * 1024)} MB a report can be (MAX_JSON_BYTES)"],
            source=source,
        )
    if isinstance(data, bytes):
        raw = data
        try:
            data = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ReportValidationError([_not_utf8(raw, exc)], source=source) from None
    try:
        return json.loads(
            data,
            parse_float=_parse_decimal,
            parse_int=_parse_int,
            parse_constant=_reject_constant,
            object_pairs_hook=_no_duplicate_keys,
        )
    except json.JSONDecodeError as exc:
        raise ReportValidationError(
            [f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"], source=source
        ) from None
    except (ValueError, InvalidOperation) as exc:
        raise ReportValidationError([f"not acceptable JSON: {exc}"], source=source) from None
    except RecursionError:
        raise ReportValidationError(["not acceptable JSON: nested too deeply"], source=source) from None


def from_document(document: Any, *, source: str | None = None) -> Report:
    """Build a report from a parsed JSON document (dicts, lists, numbers, strings)."""
    if not isinstance(document, Mapping):
        raise ReportValidationError([f"$: expected a report object, got {_json_type(document)}"], source=source)
    version = document.get("schema_version")
    if version is None:
        raise ReportValidationError(["$.schema_version: required key missing"], source=source)
    if type(version) is not int or version != SCHEMA_VERSION:
        hint = " (written by a newer govreport?)" if isinstance(version, int) and version > SCHEMA_VERSION else ""
        raise ReportValidationError(
            [f"$.schema_version: this govreport reads version {SCHEMA_VERSION}, got {_json_repr(version)}{hint}"],
            source=source,
        )
    fields = {key: value for key, value in document.items() if key != "schema_version"}
    try:
        return _converter.structure(fields, Report)
    except RecursionError:
        raise ReportValidationError(["$: nested too deeply"], source=source) from None
    except Exception as exc:  # noqa: BLE001 - every failure becomes a list of problems with paths
        raise ReportValidationError(_problems(exc, "$"), source=source) from None


def to_document(report: Report) -> dict[str, Any]:
    """The report as a JSON-ready document (dicts, lists, ints, strings, None)."""
    document: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    document.update(_converter.unstructure(report))
    return document


def loads(data: str | bytes, *, source: str | None = None) -> Report:
    """Read a report from JSON text or bytes."""
    return from_document(parse_json(data, source=source), source=source)


def dumps(report: Report, *, indent: int | None = 2) -> str:
    """The report as JSON text; ``loads(dumps(report)) == report`` for every report."""
    return json.dumps(to_document(report), ensure_ascii=False, indent=indent) + "\n"
