"""Annotations that make our text export read back exactly.

Plain text loses what a reader does not see: the kind of body, the statistics period, which
line is a heading and which an item, the keys linking measures to problems. With
``annotations=True`` the text exporter appends a short machine-readable block::

    <!-- govreport:annotations sha256=<hash of the text above>
    {"schema_version": 1, ...the report, each text shown above replaced by {"@": [start, end]}...}
    -->

Texts are not repeated: the block points at where each one stands in the text. The hash says
whether the text was edited after export; if it was, the importer reads the edited text as
any other text (keeping the block's metadata) and says so in a finding.

Where each text lands is found by rendering once with every text wrapped in two zero-width
characters that the report does not contain (noncharacters, else tag characters: they take no
width, so alignment is unchanged), then removing them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from govreport.model import Report

OPEN = "<!-- govreport:annotations sha256="
CLOSE = "-->"
_BLOCK_FIELDS = {"paragraph": ("text",), "heading": ("number", "text"), "item": ("number", "text")}
_ITEM_FIELDS = {
    "previous": ("number", "problem", "text"),
    "problems": ("number", "text"),
    "measures": ("number", "text"),
}

Path = tuple[str | int, ...]


def _blocks(document: dict[str, Any], path: Path, blocks: list[dict[str, Any]]) -> Iterator[Path]:
    for i, block in enumerate(blocks):
        for field in _BLOCK_FIELDS[block["type"]]:
            yield (*path, i, field)


def shown_texts(document: dict[str, Any]) -> Iterator[Path]:
    """Paths of the texts the default template prints verbatim, in the order it prints them."""
    yield from _blocks(document, ("preamble",), document["preamble"])
    yield from _blocks(document, ("overview",), document["overview"])
    for table in ("active_disclosure", "applications", "review_litigation"):
        yield from _blocks(document, (table, "notes"), document[table]["notes"])
    remediation = document["remediation"]
    yield from _blocks(document, ("remediation", "intro"), remediation["intro"])
    for part, fields in _ITEM_FIELDS.items():
        if remediation[part]["heading"] is not None:
            yield ("remediation", part, "heading", "number")
            yield ("remediation", part, "heading", "text")
        yield from _blocks(document, ("remediation", part, "intro"), remediation[part]["intro"])
        for i in range(len(remediation[part]["items"])):
            for field in fields:
                yield ("remediation", part, "items", i, field)
    yield from _blocks(document, ("remediation", "closing"), remediation["closing"])
    yield from _blocks(document, ("other_matters", "intro"), document["other_matters"]["intro"])
    for i in range(len(document["other_matters"]["items"])):
        yield ("other_matters", "items", i, "number")
        yield ("other_matters", "items", i, "text")
    if document["signature"] is not None:
        yield ("signature", "authority")


def _get(document: Any, path: Path) -> Any:
    for step in path:
        document = document[step]
    return document


def _set(document: Any, path: Path, value: Any) -> None:
    for step in path[:-1]:
        document = document[step]
    document[path[-1]] = value


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# Characters that take no width (see textwidth.char_width) and that a report rarely holds:
# noncharacters, then the tag characters (U+E0001, U+E0020–U+E007F), which are format characters.
_MARKER_POOL = (
    [chr(code) for code in range(0xFDD0, 0xFDF0)]
    + [chr(plane * 0x10000 + 0xFFFE) for plane in range(17)]
    + [chr(0xE0001)]
    + [chr(code) for code in range(0xE0020, 0xE0080)]
)
_MARKER = re.compile("[" + "".join(_MARKER_POOL) + "]")
_RAW_CONTROLS = re.compile("[\x7f-\x9f]")


def _markers(document: dict[str, Any]) -> tuple[str, str] | None:
    """Two zero-width characters that occur nowhere in the report."""
    used = {char for text in _strings(document) for char in _MARKER.findall(text)}
    free = [char for char in _MARKER_POOL if char not in used]
    return (free[0], free[1]) if len(free) >= 2 else None


def annotate(report: Report, render: Callable[[Report], str]) -> str:
    """``render(report)`` with the annotation block appended (or without it, if the rendering
    does not print every text exactly once and in order, as a user's template may not)."""
    from govreport.serialize import from_document, to_document

    document = to_document(report)
    markers = _markers(document)
    if markers is None:
        return render(report)
    start_mark, end_mark = markers
    paths = list(shown_texts(document))
    marked = json.loads(json.dumps(document))
    for path in paths:
        _set(marked, path, start_mark + _get(document, path) + end_mark)
    output = render(from_document(marked))
    body_parts: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    position = 0
    while True:
        start = output.find(start_mark, position)
        if start < 0:
            break
        end = output.find(end_mark, start + 1)
        if end < 0:
            break
        body_parts.append(output[position:start])
        length += start - position
        text = output[start + 1 : end]
        spans.append((length, length + len(text)))
        body_parts.append(text)
        length += len(text)
        position = end + 1
    body_parts.append(output[position:])
    body = "".join(body_parts)
    from govreport.exporting import terminal_safe

    shown = [_get(document, path) for path in paths]
    if len(spans) != len(paths) or any(
        body[s:e] != terminal_safe(text) for (s, e), text in zip(spans, shown, strict=False)
    ):
        return body.replace(start_mark, "").replace(end_mark, "")
    skeleton = json.loads(json.dumps(document))
    for path, span, text in zip(paths, spans, shown, strict=True):
        # A text with control characters is shown with their pictures: the block keeps it as it is.
        _set(skeleton, path, {"@": list(span)} if terminal_safe(text) == text else text)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    block = json.dumps(skeleton, ensure_ascii=False, separators=(",", ":"))
    # json escapes C0 controls itself; DEL and C1 (inside strings only) as \u escapes too.
    block = _RAW_CONTROLS.sub(lambda match: f"\\u{ord(match.group()):04x}", block)
    return f"{body}\n{OPEN}{digest}\n{block}\n{CLOSE}\n"


def split_annotations(text: str) -> tuple[str, str, str] | None:
    """(body, recorded hash, annotation JSON) when the text ends with an annotation block."""
    start = text.rfind("\n" + OPEN)
    if start < 0:
        return None
    tail = text[start + 1 :].split("\n")
    if len(tail) < 3 or tail[2] != CLOSE or any(line for line in tail[3:]):
        return None
    return text[:start], tail[0][len(OPEN) :], tail[1]


def fill(skeleton: Any, body: str) -> Any:
    """The skeleton with every {"@": [start, end]} replaced by that stretch of the body."""
    if isinstance(skeleton, dict):
        if set(skeleton) == {"@"}:
            start, end = skeleton["@"]
            return body[start:end]
        return {key: fill(value, body) for key, value in skeleton.items()}
    if isinstance(skeleton, list):
        return [fill(item, body) for item in skeleton]
    return skeleton


def body_digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
