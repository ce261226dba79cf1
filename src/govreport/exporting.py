"""The public base for exporters: what the built-in formats use to write a report the same way, for
plugins to use too.

- what a report's pieces read as when printed: :func:`format_date`, :func:`title_lines`,
  :func:`block_text`, :func:`part_lines`, :func:`cell_text`;
- where the official layout puts things: :func:`signature_indents`, :func:`row_labels_centred`;
- writing bytes safely: :func:`encode_utf8`, :func:`refuse_surrogates`, :func:`terminal_safe`;
- templates: :func:`render_template`, with govreport's own templates reachable as ``default:``, so
  that a plugin's template can ``{% extends "default:report.txt.j2" %}`` and override one block.

Everything here is kept stable for plugins (see docs/writing-an-exporter-plugin.md); the built-in
exporters' other modules are private.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from govreport.errors import ExportError
from govreport.model import Block, Cell, Heading, Item, Paragraph, Report
from govreport.model.report import RemediationPart
from govreport.spec import GridRole, TableSpec, report_title
from govreport.textwidth import display_width

__all__ = [
    "AUTHORITY_RIGHT_MIN",
    "DATE_RIGHT",
    "block_text",
    "cell_text",
    "encode_utf8",
    "format_date",
    "part_lines",
    "refuse_surrogates",
    "render_template",
    "row_labels_centred",
    "signature_indents",
    "terminal_safe",
    "title_lines",
]


def format_date(date: dt.date | None) -> str:
    """2023年1月29日: Arabic digits, no leading zeros."""
    return "" if date is None else f"{date.year}年{date.month}月{date.day}日"


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


def part_lines(part: RemediationPart[Any]) -> list[str]:
    """One part of section 五: heading, introduction, items (run into one paragraph if so written)."""
    lines = [part.heading.full_text] if part.heading is not None else []
    intro = [block_text(block) for block in part.intro]
    items = [f"{item.number}{getattr(item, 'problem', '')}{item.text}" for item in part.items]
    if part.run_in and items:
        lead = intro.pop() if intro and isinstance(part.intro[-1], Paragraph) else ""
        return lines + intro + [lead + "".join(items)]
    return lines + intro + items


def cell_text(cell: Cell, blank: str = "") -> str:
    """What a value cell shows: the number; a not-applicable cell's mark (``/`` if none was kept); a
    blank cell's kept text (``约5``), else ``blank``."""
    if cell.is_number:
        return str(cell)
    if cell.is_not_applicable:
        return cell.raw or "/"
    return cell.raw if cell.raw is not None else blank


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


# The same characters as one pattern: a report almost never holds one, and a scan is much faster
# than translating the whole text.
_CONTROLS = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_CONTROL_PICTURES)) + "]")


def terminal_safe(text: str) -> str:
    """The text with every control character a terminal would act on shown as its picture (ESC as ␛)."""
    return text.translate(_CONTROL_PICTURES) if _CONTROLS.search(text) else text


def encode_utf8(text: str, report: Report, format_name: str, *, bom: bool = False) -> bytes:
    """``text`` as UTF-8 (after a byte-order mark if ``bom``, which Excel needs to read a CSV file as
    UTF-8), or an ``ExportError`` that names where the report holds what UTF-8 cannot write."""
    try:
        return text.encode("utf-8-sig" if bom else "utf-8")
    except UnicodeEncodeError as exc:
        failure = exc
    refuse_surrogates(report, format_name)
    # Not from the report: a template wrote it.
    raise ExportError(f"format {format_name!r} cannot encode its output as UTF-8: {failure}")


def render_template(
    name: str,
    context: Mapping[str, Any],
    *,
    base: str = "text",
    template_dir: Path | None = None,
    autoescape: bool = False,
) -> str:
    """Render the template ``name`` with ``context``; any template error is an ``ExportError`` naming
    the template and line.

    ``template_dir`` (a plugin's own templates) is searched first, then govreport's templates of kind
    ``base`` (``text`` or ``html``), which are also reachable as ``default:report.txt.j2`` — the
    way to extend the built-in template and replace one block. Undefined names are errors. Pass
    helpers in ``context``; report data is only ever passed as values, never compiled. With ``base``
    ``html`` and ``autoescape``, each value printed with ``{{ }}`` (not Markup) is left without the
    characters HTML calls a parse error, as govreport's HTML page is.
    """
    from govreport.templating import render

    return render(base, name, context, template_dir=template_dir, autoescape=autoescape)
