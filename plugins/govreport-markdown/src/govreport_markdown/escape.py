"""Escape report text so that CommonMark shows it as written and never reads it as markup."""

from __future__ import annotations

import re

# Every character that can start or end inline markup (emphasis, code, links, HTML, entities,
# autolinks, GitHub strikethrough and table pipes). CommonMark lets any ASCII punctuation be
# escaped with a backslash, so escaping one that needed none is harmless.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~!#])")
# What makes a line a block of its own when it starts it: a list item, a heading underline, a
# block quote, a thematic break, an ordered list ("1." or "1)").
_LINE_START = re.compile(r"^([-+=>])|^(\d{1,9})([.)])")


def escape(text: str, *, block: bool = True) -> str:
    """The text as a Markdown paragraph that renders to exactly this text.

    ``block=False`` for text inside a line (a table cell), where nothing can start a block.
    """
    # A carriage return ends a line in CommonMark, as a line feed does: written as a character
    # reference, it stays in the text (and in the HTML made of it) without starting a block.
    escaped = _INLINE.sub(r"\\\1", text).replace("\r", "&#13;")
    if not block:
        return escaped.replace("\n", " ")
    lines = []
    for line in escaped.split("\n"):
        # Leading spaces or a tab would make an indented code block: keep them as entities.
        stripped = line.lstrip(" \t")
        indent = "".join("&#9;" if ch == "\t" else "&#32;" for ch in line[: len(line) - len(stripped)])
        lines.append(indent + _LINE_START.sub(_escape_start, stripped))
    # A newline inside a paragraph is a hard line break, so that it is not lost.
    return "\\\n".join(lines)


def _escape_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)
