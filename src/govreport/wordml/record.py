"""The structure record: what a .docx export cannot show, kept where Word keeps it.

An export's paragraphs show the report's text and their styles show what kind of block each
is. What they cannot show — the metadata (body kind, statistics period, contact), the keys of
problems and measures and which problems a measure answers, the topics of section 六's items,
which part of section 五 a paragraph belongs to, items run into one paragraph, cells whose
printed text reads back as something else (a blank cell holding "5" as text), and characters
XML cannot hold — is written as JSON into the document's custom properties
(``docProps/custom.xml``, File › Properties › Custom in Word), which Word keeps when a person
edits and saves the file.

The record never overrides what a person changed. Each paragraph's entry carries a fingerprint
of its style and text; the importer aligns the entries with the paragraphs it finds, so an
entry applies to its paragraph even after others were inserted or deleted, an edited paragraph
keeps its slot and keys, and a new paragraph is placed by its style and neighbours. A cell's
entry applies only while the cell still shows the text it was written with.

Word truncates long text properties, so the JSON (ASCII only: every other character is
escaped, which also keeps control characters out of the XML) is split into properties of at
most 255 characters named ``govreport.structure.000``, ``.001``, ….
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import attrs

from govreport.wordml.vocabulary import CUSTOM_NS, VT_NS
from govreport.wordml.xmltext import escape

FORMAT = "govreport-docx"
VERSION = 1
PROPERTY_PREFIX = "govreport.structure."
_CHUNK = 255
#: The property set id Office uses for user-defined properties.
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def fingerprint(style: str, text: str) -> str:
    """A short digest of a paragraph's style and visible text (what alignment compares)."""
    digest = hashlib.blake2b(f"{style}\x1f{text}".encode("utf-8", "surrogatepass"), digest_size=6)
    return digest.hexdigest()


@attrs.frozen(kw_only=True)
class ParagraphEntry:
    """Where one paragraph of the export belongs, and what it holds that is not shown."""

    slot: str
    fingerprint: str
    #: item keys, answers, topics, the split of a run-in paragraph, text with characters XML cannot hold
    data: dict[str, Any] = attrs.field(factory=dict)

    def to_json(self) -> list[Any]:
        return [self.slot, self.fingerprint, self.data] if self.data else [self.slot, self.fingerprint]

    @classmethod
    def from_json(cls, value: Any) -> ParagraphEntry:
        if not isinstance(value, list) or len(value) not in (2, 3):
            raise ValueError("a paragraph entry is [slot, fingerprint] or [slot, fingerprint, data]")
        slot, digest, *rest = value
        data = rest[0] if rest else {}
        if not isinstance(slot, str) or not isinstance(digest, str) or not isinstance(data, dict):
            raise ValueError("a paragraph entry is [slot, fingerprint] or [slot, fingerprint, data]")
        return cls(slot=slot, fingerprint=digest, data=data)


@attrs.frozen(kw_only=True)
class StructureRecord:
    #: the report's metadata as the JSON document writes it
    metadata: dict[str, Any]
    #: the title's lines as printed (the metadata applies while they are unchanged)
    title: tuple[str, ...]
    #: table key → "row/column" → [printed text, the cell in its JSON object form]
    cells: dict[str, dict[str, list[Any]]]
    paragraphs: tuple[ParagraphEntry, ...]
    #: parts of section 五 marked as run in that have no items (nothing shows it)
    empty_run_in: tuple[str, ...] = ()

    def to_json(self) -> str:
        document = {
            "format": FORMAT,
            "version": VERSION,
            "metadata": self.metadata,
            "title": list(self.title),
            "cells": self.cells,
            "paragraphs": [entry.to_json() for entry in self.paragraphs],
            "empty_run_in": list(self.empty_run_in),
        }
        # ASCII only: the value goes into XML, which cannot hold some characters even escaped
        # as references, while JSON's \\u escapes can hold them all.
        text = json.dumps(document, ensure_ascii=True, separators=(",", ":"))
        # Spaces occur only inside strings here; escaped, no chunk can start or end with one
        # (a reader that trims property values would otherwise lose it).
        return text.replace(" ", "\\u0020")

    @classmethod
    def from_json(cls, text: str) -> StructureRecord:
        """The record, or ValueError when the text is not a record this version reads."""
        document = json.loads(text)
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise ValueError("not a govreport structure record")
        if document.get("version") != VERSION:
            raise ValueError(f"structure record version {document.get('version')!r}; this govreport reads {VERSION}")
        metadata, title, cells, paragraphs = (document.get(key) for key in ("metadata", "title", "cells", "paragraphs"))
        empty_run_in = document.get("empty_run_in", [])
        if not isinstance(metadata, dict) or not isinstance(cells, dict):
            raise ValueError("the record's metadata and cells are objects")
        if not isinstance(title, list) or not all(isinstance(line, str) for line in title):
            raise ValueError("the record's title is a list of lines")
        if not isinstance(paragraphs, list):
            raise ValueError("the record's paragraphs are a list")
        if not isinstance(empty_run_in, list) or not all(isinstance(part, str) for part in empty_run_in):
            raise ValueError("the record's empty_run_in is a list of part keys")
        return cls(
            metadata=metadata,
            title=tuple(title),
            cells=cells,
            paragraphs=tuple(ParagraphEntry.from_json(entry) for entry in paragraphs),
            empty_run_in=tuple(empty_run_in),
        )


def custom_properties_xml(record_json: str) -> str:
    """docProps/custom.xml holding the record in numbered chunks."""
    chunks = [record_json[i : i + _CHUNK] for i in range(0, len(record_json), _CHUNK)] or [""]
    properties = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{PROPERTY_PREFIX}{index:03d}">'
        f"<vt:lpwstr>{escape(chunk)}</vt:lpwstr></property>"
        for index, (pid, chunk) in enumerate(((i + 2, c) for i, c in enumerate(chunks)))
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">{properties}</Properties>'
    )


def record_text(properties: dict[str, str]) -> str | None:
    """The record's JSON joined from the custom properties, or None when there is none."""
    names = [name for name in properties if name.startswith(PROPERTY_PREFIX)]
    if not names:
        return None
    # In the order of their numbers: past .999 comes .1000, which sorts before .101 as text.
    names.sort(key=lambda name: (len(name), name))
    return "".join(properties[name] for name in names)
