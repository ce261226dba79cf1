"""A JSON Schema (draft 2020-12) of the report document, derived from the model and the spec.

Derived, not written by hand, so it cannot drift from what :mod:`govreport.serialize` reads.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import Any

import attrs

from govreport.model import BLOCK_TYPES, TABLE_TYPES, CellState, Report, StatisticsTable
from govreport.serialize import SCHEMA_VERSION
from govreport.spec import NOT_APPLICABLE_MARKS, SECTIONS, ValueKind

SCHEMA_ID = "https://govreport.invalid/schema/report-v1.json"


def _cell_schema(kind: ValueKind) -> dict[str, Any]:
    number: list[dict[str, Any]]
    if kind is ValueKind.COUNT:
        number = [{"type": "integer", "minimum": 0, "description": "a count"}]
    else:
        number = [
            {"type": "string", "pattern": r"^\d+(\.\d+)?$", "description": "an exact amount in 万元"},
            {"type": "number", "minimum": 0, "description": "an amount in 万元 that a float holds exactly"},
        ]
    return {
        "anyOf": [
            *number,
            {"type": "null", "description": "blank: no value was given"},
            {"enum": list(NOT_APPLICABLE_MARKS), "description": "not applicable, as written"},
            {
                "type": "object",
                "properties": {
                    "state": {"enum": [state.value for state in CellState]},
                    "value": {},
                    "raw": {"type": ["string", "null"]},
                },
                "required": ["state"],
                "additionalProperties": False,
            },
        ]
    }


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, name: str, build: typing.Callable[[], dict[str, Any]]) -> dict[str, Any]:
        if name not in self.defs:
            self.defs[name] = {}  # reserve the name first: definitions may refer to themselves
            self.defs[name] = build()
        return {"$ref": f"#/$defs/{name}"}

    def of(self, tp: Any, substitutions: dict[Any, Any]) -> dict[str, Any]:
        tp = substitutions.get(tp, tp)
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if tp is str:
            return {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is dt.date:
            return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"enum": [member.value for member in tp]}
        if origin in (typing.Union, types.UnionType):
            members = [arg for arg in args if arg is not type(None)]
            if set(members) == set(BLOCK_TYPES.values()):
                return self.ref("Block", self.block)
            schemas = [self.of(arg, substitutions) for arg in members]
            if type(None) in args:
                schemas.append({"type": "null"})
            return schemas[0] if len(schemas) == 1 else {"anyOf": schemas}
        if origin is tuple:
            return {"type": "array", "items": self.of(args[0], substitutions)}
        if tp in BLOCK_TYPES.values():
            return self.ref(tp.__name__, lambda: self.block_class(tp, type_required=False))
        if isinstance(tp, type) and issubclass(tp, StatisticsTable):
            return self.ref(tp.__name__, lambda: self.table(tp))
        cls = origin if origin is not None else tp
        if attrs.has(cls):
            params = getattr(cls, "__parameters__", ())
            mapping = dict(zip(params, args, strict=False)) if args else {}
            name = cls.__name__ + "".join(getattr(arg, "__name__", "") for arg in args)
            return self.ref(name, lambda: self.attrs_class(cls, mapping))
        raise TypeError(f"no JSON Schema for {tp!r}")

    def attrs_class(
        self, cls: type, substitutions: dict[Any, Any], required: typing.Iterable[str] = ()
    ) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        properties = {}
        needed = list(required)
        for field in attrs.fields(cls):
            properties[field.name] = self.of(hints[field.name], substitutions)
            if field.default is attrs.NOTHING and field.name not in needed:
                needed.append(field.name)
        schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
        if cls.__doc__:
            schema["description"] = " ".join(cls.__doc__.split())
        if needed:
            schema["required"] = needed
        return schema

    def block_class(self, cls: type, *, type_required: bool) -> dict[str, Any]:
        """A block carries its "type"; it may leave it out only where no other block type fits."""
        tag = next(tag for tag, block_type in BLOCK_TYPES.items() if block_type is cls)
        schema = self.attrs_class(cls, {})
        schema["properties"] = {"type": {"const": tag}, **schema["properties"]}
        if "level" in schema["properties"]:
            schema["properties"]["level"].update(minimum=2, maximum=6)
        if type_required:
            schema["required"] = ["type", *schema.get("required", [])]
        return schema

    def block(self) -> dict[str, Any]:
        return {"oneOf": [self.block_class(cls, type_required=True) for cls in BLOCK_TYPES.values()]}

    def table(self, cls: type[StatisticsTable]) -> dict[str, Any]:
        spec = cls.SPEC
        rows = {
            row.key: {
                "type": "object",
                "description": " › ".join(row.path),
                "properties": {
                    cell.column: {**_cell_schema(cell.kind), "description": spec.column(cell.column).label}
                    for cell in spec.cells
                    if cell.row == row.key
                },
                "additionalProperties": False,
            }
            for row in spec.rows
        }
        return {
            "type": "object",
            "description": f"table {spec.number}: {spec.caption}; a cell left out is blank",
            "properties": {
                "cells": {"type": "object", "properties": rows, "additionalProperties": False},
                "notes": {"type": "array", "items": self.ref("Block", self.block)},
            },
            "additionalProperties": False,
        }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a govreport document of the current schema version."""
    builder = _Builder()
    required = ["metadata", "preamble", *(section.key for section in SECTIONS), "signature"]
    report = builder.attrs_class(Report, {}, required=required)
    report["properties"] = {"schema_version": {"const": SCHEMA_VERSION}, **report["properties"]}
    report["required"] = ["schema_version", *report["required"]]
    assert set(TABLE_TYPES) <= set(report["properties"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "govreport report document",
        **report,
        "$defs": builder.defs,
    }
