"""Dismissals: findings a reviewer has looked at and accepted, kept in a small JSON sidecar file.

A reviewed report should stop repeating what was already judged. The file lists entries of a rule
id (a ``*`` pattern allowed, ``writing.*``) and any location fields (and the formula, which tells
apart two identities reported at one cell); an entry dismisses every finding of a matching rule
that has the same value in each field the entry gives::

    {
      "version": 1,
      "dismissed": [
        {"rule": "table.blank", "table": "applications", "reason": "原表在转换中丢失，已核对纸质件"},
        {"rule": "writing.punctuation.doubled", "section": "other_matters", "paragraph": 2}
      ]
    }

``reason``, ``by`` and ``date`` are for people and never matched.
"""

from __future__ import annotations

import fnmatch
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from govreport.errors import GovReportError
from govreport.findings import Finding

VERSION = 1
#: The location fields an entry can match on…
MATCHED_FIELDS: tuple[str, ...] = ("section", "table", "row", "column", "paragraph", "part", "excerpt", "source")
#: …and the finding's formula, which tells apart two identities reported at one cell.
FINDING_FIELDS: tuple[str, ...] = ("formula",)
_NOTES: tuple[str, ...] = ("reason", "by", "date")


_ALL_FIELDS = MATCHED_FIELDS + FINDING_FIELDS


def _field(finding: Finding, name: str) -> str | int | None:
    value: str | int | None = getattr(finding, name) if name in FINDING_FIELDS else getattr(finding.location, name)
    return value


class DismissalsError(GovReportError, ValueError):
    """A dismissals file cannot be read or does not have the documented form."""


@attrs.frozen(kw_only=True)
class Dismissal:
    """One entry: a rule id (or ``*`` pattern) and the location fields it must match."""

    rule: str
    where: tuple[tuple[str, str | int], ...] = ()
    reason: str | None = None
    by: str | None = None
    date: str | None = None

    def matches(self, finding: Finding) -> bool:
        if not fnmatch.fnmatchcase(finding.rule, self.rule):
            return False
        return all(_field(finding, name) == value for name, value in self.where)

    @classmethod
    def for_finding(cls, finding: Finding, *, reason: str | None = None) -> Dismissal:
        """The entry that dismisses exactly this finding (its rule and every location field it has)."""
        where = tuple((name, value) for name in _ALL_FIELDS if (value := _field(finding, name)) is not None)
        return cls(rule=finding.rule, where=where, reason=reason)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"rule": self.rule}
        data.update(dict(self.where))
        for name in _NOTES:
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, where: str = "entry") -> Dismissal:
        if not isinstance(data, Mapping):
            raise DismissalsError(f"{where}: an entry is an object with a 'rule', not {type(data).__name__}")
        unknown = sorted(set(data) - {"rule", *_ALL_FIELDS, *_NOTES})
        if unknown:
            known = ", ".join(("rule", *_ALL_FIELDS, *_NOTES))
            raise DismissalsError(f"{where}: unknown field {', '.join(unknown)} (fields: {known})")
        rule = data.get("rule")
        if not isinstance(rule, str) or not rule:
            raise DismissalsError(f"{where}: 'rule' must be a rule id such as 'table.blank'")
        matched: list[tuple[str, str | int]] = []
        for name in _ALL_FIELDS:
            if name not in data:
                continue
            value = data[name]
            if name == "paragraph":
                if isinstance(value, bool) or not isinstance(value, int):
                    raise DismissalsError(f"{where}: 'paragraph' must be a number")
            elif not isinstance(value, str):
                raise DismissalsError(f"{where}: {name!r} must be text")
            matched.append((name, value))
        notes = {name: data[name] for name in _NOTES if name in data}
        for name, value in notes.items():
            if not isinstance(value, str):
                raise DismissalsError(f"{where}: {name!r} must be text")
        return cls(rule=rule, where=tuple(matched), **notes)


@attrs.frozen(kw_only=True)
class Dismissals:
    """The entries of a dismissals file."""

    entries: tuple[Dismissal, ...] = ()

    def split(self, findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding], list[Dismissal]]:
        """(kept, dismissed, unused entries): each finding is dismissed by the first entry that matches."""
        kept: list[Finding] = []
        dismissed: list[Finding] = []
        used: set[int] = set()
        for finding in findings:
            index = next((i for i, entry in enumerate(self.entries) if entry.matches(finding)), None)
            if index is None:
                kept.append(finding)
            else:
                dismissed.append(finding)
                used.add(index)
        unused = [entry for i, entry in enumerate(self.entries) if i not in used]
        return kept, dismissed, unused

    @classmethod
    def from_findings(cls, findings: Iterable[Finding], *, reason: str | None = None) -> Dismissals:
        """Entries that dismiss exactly these findings (say, after a review of all of them)."""
        entries: list[Dismissal] = []
        for finding in findings:
            entry = Dismissal.for_finding(finding, reason=reason)
            if entry not in entries:
                entries.append(entry)
        return cls(entries=tuple(entries))

    def to_json(self) -> str:
        data = {"version": VERSION, "dismissed": [entry.to_dict() for entry in self.entries]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes, *, source: str = "dismissals") -> Dismissals:
        try:
            data = json.loads(text)
        except (ValueError, UnicodeDecodeError) as exc:
            raise DismissalsError(f"{source}: not JSON: {exc}") from None
        if not isinstance(data, Mapping):
            raise DismissalsError(f"{source}: expected an object with 'version' and 'dismissed'")
        unknown = sorted(set(data) - {"version", "dismissed"})
        if unknown:
            raise DismissalsError(f"{source}: unknown field {', '.join(unknown)} (fields: version, dismissed)")
        if data.get("version", VERSION) != VERSION:
            raise DismissalsError(f"{source}: version {data.get('version')!r} is not supported (only {VERSION})")
        entries = data.get("dismissed", [])
        if not isinstance(entries, list):
            raise DismissalsError(f"{source}: 'dismissed' must be a list")
        return cls(
            entries=tuple(
                Dismissal.from_dict(entry, where=f"{source}: dismissed[{i}]") for i, entry in enumerate(entries)
            )
        )

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Dismissals:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise DismissalsError(f"{os.fspath(path)}: cannot read: {exc.strerror or exc}") from None
        return cls.from_json(data, source=os.fspath(path))

    def save(self, path: str | os.PathLike[str]) -> None:
        from govreport.files import write_file_atomically

        write_file_atomically(Path(path), self.to_json().encode("utf-8"))
