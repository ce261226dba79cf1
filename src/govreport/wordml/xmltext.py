"""Text in and out of WordprocessingML runs, and the characters XML cannot hold.

XML 1.0 has no way to write most C0 control characters (U+0000–U+001F except tab, line feed
and carriage return), U+FFFE, U+FFFF or lone surrogates, not even as character references. The
exporter leaves them out of the visible text (:func:`strip_illegal`) and keeps the original in
the document's structure record, so that importing our own export restores them exactly.

Tab, line feed and carriage return are written as Word writes them (``w:tab``, ``w:br``,
``w:cr``) and read back as the same characters.
"""

from __future__ import annotations

import contextlib
import re
from xml.etree.ElementTree import Element

from govreport.wordml.vocabulary import w

ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BREAKS = re.compile("([\t\n\r])")
_BREAK_XML = {"\t": "<w:tab/>", "\n": "<w:br/>", "\r": "<w:cr/>"}


def strip_illegal(text: str) -> str:
    """The text without the characters XML 1.0 cannot hold."""
    return ILLEGAL.sub("", text)


def has_illegal(text: str) -> bool:
    return ILLEGAL.search(text) is not None


def escape(text: str) -> str:
    """Text for an XML text node (the caller has removed illegal characters)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute(text: str) -> str:
    """Text for a double-quoted XML attribute value."""
    return escape(text).replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")


def run_content(text: str) -> str:
    """The inside of a ``w:r`` for ``text``: ``w:t`` pieces with tabs and breaks between them."""
    pieces = []
    for piece in _BREAKS.split(text):
        if not piece:
            continue
        brk = _BREAK_XML.get(piece)
        pieces.append(brk if brk is not None else f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return "".join(pieces)


def run(text: str, style_id: str | None = None) -> str:
    """A ``w:r`` with an optional character style; nothing for empty text."""
    if not text:
        return ""
    props = f'<w:rPr><w:rStyle w:val="{attribute(style_id)}"/></w:rPr>' if style_id else ""
    return f"<w:r>{props}{run_content(text)}</w:r>"


_T = w("t")
_TAB = w("tab")
_BR = w("br")
_CR = w("cr")
_NO_BREAK_HYPHEN = w("noBreakHyphen")
_SYM = w("sym")
_CHAR = w("char")
_TYPE = w("type")


def run_text(element: Element) -> str:
    """The text a ``w:r`` shows: the inverse of :func:`run_content`, plus what Word also writes."""
    pieces: list[str] = []
    for child in element:
        tag = child.tag
        if tag == _T:
            pieces.append(child.text or "")
        elif tag == _TAB:
            pieces.append("\t")
        elif tag == _BR:
            # A page or column break is layout, not text.
            if child.get(_TYPE) in (None, "textWrapping"):
                pieces.append("\n")
        elif tag == _CR:
            pieces.append("\r")
        elif tag == _NO_BREAK_HYPHEN:
            pieces.append("\u2011")
        elif tag == _SYM:
            code = child.get(_CHAR)
            if code:
                with contextlib.suppress(ValueError):
                    pieces.append(chr(int(code, 16)))
    return "".join(pieces)
