"""Bytes to text for the text importer: UTF-8 (with or without BOM) or GB18030/GBK, detected."""

from __future__ import annotations

from govreport.errors import GovReportError

# Controls that never occur in a published report's text; more than a few means a binary file.
_BINARY_CONTROLS = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\x0c"}


class TextDecodeError(GovReportError, ValueError):
    """The bytes are not text in an encoding the importer reads."""


def decode_report_text(data: bytes, *, source: str | None = None) -> tuple[str, str]:
    """The text and the name of the encoding it was in."""
    from govreport.exporters.text_annotations import split_annotations

    where = f"{source}: " if source else ""
    candidates: tuple[str, ...] = ("utf-8-sig",) if data.startswith(b"\xef\xbb\xbf") else ("utf-8", "gb18030")
    text: str | None = None
    encoding = ""
    for encoding in candidates:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise TextDecodeError(f"{where}not UTF-8 or GB18030 text; save the report as UTF-8 and try again")
    name = "utf-8" if encoding == "utf-8-sig" else encoding
    if split_annotations(text) is not None:
        return text, name  # our own export: control characters in it are the report's own text
    if "\x00" in text[:4096]:
        raise TextDecodeError(f"{where}not a text file (it contains NUL bytes); expected UTF-8 or GB18030 text")
    sample = text[:20000]
    controls = sum(1 for char in sample if char in _BINARY_CONTROLS)
    if sample and controls > max(3, len(sample) // 200):
        raise TextDecodeError(f"{where}not a text file (too many control characters); expected a report in text")
    return text, name
