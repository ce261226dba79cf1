"""Helpers every exporter needs to write a report the same way: dates, titles, block text.

They live here, not in one exporter, so that the text, HTML and DOCX outputs cannot drift apart
(the date of the signature, the two-line title). ``govreport.exporters.text`` re-exports them
for code that imported them from there.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from govreport.errors import ExportError
from govreport.model import Block, Heading, Item, Paragraph, Report
from govreport.spec import GridRole, TableSpec, report_title
from govreport.textwidth import display_width


def format_date(date: dt.date | None) -> str:
    """2023年1月29日: Arabic digits, no leading zeros."""
    return "" if date is None else f"{date.year}年{date.month}月{date.day}日"


#: GB/T 9704-2012 7.3.5: the date stands four characters in from the right edge of the text; the
#: issuing authority is centred over it, and never closer than two characters to the edge.
DATE_RIGHT = 4.0
AUTHORITY_RIGHT_MIN = 2.0


def signature_indents(authority: str, date: str) -> tuple[float, float]:
    """The right indents, in characters of the body text, of the authority line and of the date.

    Widths count a Chinese character as one character and a digit as half of one (the digits of
    the Latin face are half as wide). Without a date the authority stands two characters in.
    """
    if not date:
        return AUTHORITY_RIGHT_MIN, 0.0
    half = (display_width(date) - display_width(authority)) / 4  # half the difference, in characters
    date_right = max(DATE_RIGHT, AUTHORITY_RIGHT_MIN - half)
    return date_right + half, date_right


def row_labels_centred(spec: TableSpec) -> bool:
    """Whether the template centres the table's row labels: it does where they stand under a column
    header of their own (table 二); elsewhere (table 三) it sets them left."""
    at_left = {cell.role for cell in spec.grid if cell.column == 0}
    return {GridRole.COLUMN_HEADER, GridRole.ROW_HEADER} <= at_left


def block_text(block: Block) -> str:
    """The text of a narrative block as printed, with its number (（一）, 1.) in front."""
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, Heading | Item):
        return block.full_text
    raise TypeError(f"not a block: {block!r}")


def title_lines(report: Report) -> list[str]:
    """The title as published: the body's name on the first line, the title proper on the second.

    A title that is not the canonical one is kept as written, on one line.
    """
    meta = report.metadata
    if meta.title is None or meta.title == report_title(meta.issuing_body, meta.year):
        return [meta.issuing_body, report_title("", meta.year)]
    return [meta.title]


_SURROGATE = re.compile("[\ud800-\udfff]")


def _surrogate_paths(node: Any, path: str) -> Iterator[str]:
    if isinstance(node, str):
        if _SURROGATE.search(node):
            yield path
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _surrogate_paths(key, f"{path} (a key)")
            yield from _surrogate_paths(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _surrogate_paths(value, f"{path}[{index}]")


def refuse_surrogates(report: Report, format_name: str) -> None:
    """An ``ExportError`` naming where the report holds a lone surrogate (as a JSON path), if it does.

    No UTF-8 file can hold one (the JSON loader refuses them too); only a report built in Python
    can have one.
    """
    from govreport.serialize import to_document

    where = next(_surrogate_paths(to_document(report), "$"), None)
    if where is not None:
        raise ExportError(
            f"format {format_name!r} cannot hold a lone surrogate (U+D800–U+DFFF), found in {where}: "
            "it is not Unicode text, and UTF-8 has no way to write it"
        )


# Control characters that a terminal acts on (ESC starts a sequence that can rewrite the screen or
# its title, BEL rings, BS and NUL hide what is before them; C1's CSI does what ESC [ does), shown
# as the character that pictures them: one for one, so positions in the text do not move. Tab and
# the line breaks stay (the layout has made lines of them already).
_CONTROL_PICTURES = {
    **{code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E)},
    0x7F: 0x2421,
    **{code: 0xFFFD for code in range(0x80, 0xA0) if code != 0x85},
}


def terminal_safe(text: str) -> str:
    """The text with every control character a terminal would act on shown as its picture (ESC as ␛)."""
    return text.translate(_CONTROL_PICTURES)


def encode_utf8(text: str, report: Report, format_name: str) -> bytes:
    """``text`` as UTF-8, or an ``ExportError`` that says why it cannot be."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        failure = exc
    refuse_surrogates(report, format_name)
    # Not from the report: a template wrote it.
    raise ExportError(f"format {format_name!r} cannot encode its output as UTF-8: {failure}")
