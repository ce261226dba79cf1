"""Findings: what an importer or a check noticed about a report, with a precise location."""

from __future__ import annotations

import enum

import attrs


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen(kw_only=True)
class Location:
    """Where a finding is: a section, a table cell by keys, and/or a place in the source file."""

    section: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    #: a place in the input: "line 12", "$.applications.cells.granted", "table 2, row 3"
    source: str | None = None

    def __str__(self) -> str:
        parts = [
            f"{name} {value}"
            for name, value in (
                ("section", self.section),
                ("table", self.table),
                ("row", self.row),
                ("column", self.column),
            )
            if value
        ]
        if self.source:
            parts.append(self.source)
        return ", ".join(parts)


@attrs.frozen(kw_only=True)
class Finding:
    """One thing worth a reviewer's attention. ``rule`` is a stable id such as ``import.debris``."""

    rule: str
    severity: Severity = attrs.field(converter=Severity)
    message: str
    location: Location = attrs.Factory(Location)
    expected: str | None = None
    found: str | None = None

    def __str__(self) -> str:
        where = str(self.location)
        return f"{self.severity.value}: {self.message} [{self.rule}]" + (f" ({where})" if where else "")
