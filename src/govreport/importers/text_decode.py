"""Bytes to text for the text importer: UTF-8 (with or without BOM) or GB18030/GBK, detected.

Whatever is not a report's text is refused before the importer's heuristics see it, with an
error that says what the file is: too large, a PDF or an image, UTF-16, UTF-8 with broken bytes.
"""

from __future__ import annotations

from govreport.errors import GovReportError

#: The largest text file read. A report's text is 20–100 kB; a 300-page PDF converted to text
#: (``pdftotext -layout``) is about 1.5 MB. On text shaped to be slow, the importer and the command
#: writing its findings take up to about 2 s a MB, so this bounds an import to some 10 s.
MAX_TEXT_BYTES = 4 * 1024 * 1024
#: The most lines a text file may have: a 300-page PDF as text has some 20,000. Each line costs
#: the importer a few microseconds and possibly a finding, so this bounds both.
MAX_TEXT_LINES = 200_000

# Controls that never occur in a published report's text; more than a few means a binary file.
_BINARY_CONTROLS = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\x0c"}
# What a file that is not text most likely is, by its first bytes.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file, not text: read it with the pdf importer (give it the extension .pdf, or --from pdf)"),
    (b"PK\x03\x04", "a zip archive (a .docx file?); a Word document needs the extension .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc, .xls) or an encrypted one"),
    (b"{\\rtf", "an RTF document; save it as .docx or as UTF-8 text"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x7fELF", "a program (ELF)"),
    (b"\x1f\x8b", "a gzip archive"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# A file whose non-ASCII characters are mostly valid UTF-8 is broken UTF-8, not GB18030: GB18030
# text read as UTF-8 has several invalid bytes for each character that happens to be valid.
_BROKEN_UTF8_RATIO = 4


class TextDecodeError(GovReportError, ValueError):
    """The bytes are not text in an encoding the importer reads."""


def decode_report_text(data: bytes, *, source: str | None = None) -> tuple[str, str]:
    """The text and the name of the encoding it was in."""
    from govreport.exporters.text_annotations import OPEN, split_annotations

    where = f"{source}: " if source else ""
    if len(data) > MAX_TEXT_BYTES:
        raise TextDecodeError(
            f"{where}{_megabytes(len(data))} of text, more than the {_megabytes(MAX_TEXT_BYTES)} a report's text "
            "can be (MAX_TEXT_BYTES); is this a report?"
        )
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise TextDecodeError(f"{where}not a text file: {kind}")
    if data.startswith(_UTF16_BOMS):
        raise TextDecodeError(
            f"{where}not UTF-8 or GB18030 text but UTF-16 (it starts with a UTF-16 byte-order mark); "
            "save the report as UTF-8 and try again"
        )
    head = data[:4096]
    # Our own text export holds the report's text as it is, NULs included; its annotation block
    # (checked below, once decoded) says it is ours.
    if head.count(b"\x00") > len(head) // 4 and OPEN.encode() not in data:
        raise TextDecodeError(
            f"{where}not a text file (it is full of NUL bytes: UTF-16 text without a byte-order mark, or a "
            "binary file); save the report as UTF-8 text"
        )
    text, name = _decode(data, where)
    # More lines than any report has: refused before the importer makes a line (or a finding) of each.
    lines = text.count("\n") + 1
    if lines > MAX_TEXT_LINES:
        raise TextDecodeError(
            f"{where}{lines:,} lines of text, more than the {MAX_TEXT_LINES:,} a report's text can have "
            "(MAX_TEXT_LINES); is this a report?"
        )
    if split_annotations(text) is not None:
        return text, name  # our own export: control characters in it are the report's own text
    if "\x00" in text[:4096]:
        raise TextDecodeError(f"{where}not a text file (it contains NUL bytes); expected UTF-8 or GB18030 text")
    sample = text[:20000]
    controls = sum(1 for char in sample if char in _BINARY_CONTROLS)
    if sample and controls > max(3, len(sample) // 200):
        raise TextDecodeError(f"{where}not a text file (too many control characters); expected a report in text")
    return text, name


def _decode(data: bytes, where: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError as exc:
            raise _broken_utf8(data, exc, where) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if _mostly_utf8(data):
            raise _broken_utf8(data, exc, where) from None
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise TextDecodeError(f"{where}not UTF-8 or GB18030 text; save the report as UTF-8 and try again") from None


def _mostly_utf8(data: bytes) -> bool:
    """Whether the non-ASCII characters are mostly valid UTF-8 (counted at C speed, no loop)."""
    text = data.decode("utf-8", errors="surrogateescape")  # each invalid byte becomes one surrogate
    invalid = len(data) - len(text.encode("utf-8", errors="ignore"))
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    return non_ascii - invalid > _BROKEN_UTF8_RATIO * invalid


def _broken_utf8(data: bytes, exc: UnicodeDecodeError, where: str) -> TextDecodeError:
    start = exc.start
    line = data.count(b"\n", 0, start) + 1
    column = start - (data.rfind(b"\n", 0, start) + 1) + 1
    invalid = len(data) - len(data.decode("utf-8", errors="surrogateescape").encode("utf-8", errors="ignore"))
    others = "" if invalid == 1 else f" and {invalid - 1:,} more like it"
    return TextDecodeError(
        f"{where}not valid UTF-8 text: byte 0x{data[start]:02x} at line {line}, column {column} (counted in bytes) "
        f"is no part of a UTF-8 character{others}, though the rest is UTF-8; fix it or save the report as UTF-8 again"
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
