"""The ``text`` importer: a report in plain text, as published, converted from PDF, or exported by us.

Nothing is guessed silently: what is inferred (the kind of body, pairs of problems and
measures) and what is removed (debris, page marks) or cannot be placed is reported as a
finding; a table that is missing or unreadable becomes blank cells, never zeros.
"""

from __future__ import annotations

from govreport.formats import Imported, Importer
from govreport.hookspecs import hookimpl
from govreport.importers.text_decode import decode_report_text
from govreport.importers.text_plain import read_plain_text


def read_text(data: bytes, *, source: str | None = None) -> Imported:
    text, _encoding = decode_report_text(data, source=source)
    from govreport.importers.text_annotated import read_annotated

    annotated = read_annotated(text, source=source)
    if annotated is not None:
        return annotated
    return read_plain_text(text)


def looks_like_text_report(data: bytes) -> bool:
    """Text (UTF-8 or GB18030) that names the report's title or a section of the format, and is not
    a web page's markup (a page saved as .txt is the html importer's)."""
    from govreport.importers.html import looks_like_html

    head = data[:65536]
    if b"\x00" in head or looks_like_html(head):
        return False
    return any("政府信息公开" in head.decode(encoding, errors="ignore") for encoding in ("utf-8", "gb18030"))


TEXT = Importer(
    name="text",
    description="A report in plain text: as published, from pdftotext, from a web page, or our text export",
    extensions=(".txt", ".text"),
    read=read_text,
    detect=looks_like_text_report,
)


@hookimpl
def register_importers() -> list[Importer]:
    return [TEXT]
