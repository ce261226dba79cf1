"""Word documents people wrote (in Word, WPS or LibreOffice), opened with python-docx.

python-docx reads the package (content types, the part graph, styles, sections with their
headers and footers) and hands over the body as an element tree, which the body walker
(:mod:`~govreport.wordml.body`) reads as it reads our own exports, with text boxes and layout
tables unpacked. python-docx parses every XML part of the package when it opens it, so every
part is first read within the package's bounds and checked (size, no DTD, tags, depth) by
:class:`~govreport.wordml.archive.Package`: a zip bomb or an entity bomb is refused before
python-docx sees it.
"""

from __future__ import annotations

import io
import re
from typing import Any

from govreport.findings import Finding, Location
from govreport.reading.catalog import finding
from govreport.wordml.archive import Package, parse_xml
from govreport.wordml.body import Body, Styles, walk_body

# A header or footer holding nothing but a page number ("— 3 —", "第 3 页 共 9 页").
_PAGE_NUMBER = re.compile(r"[\s\d\-—－–/第页共]*")
_XML_PARTS = (".xml", ".rels")


def check_parts(package: Package, names: list[str]) -> None:
    """Every part read within the package's limits, and every XML part parsed with the checks."""
    for name in names:
        data = package.read(name)
        if data is not None and name.endswith(_XML_PARTS):
            parse_xml(data, f"{package.source}: {name}")


def open_document(data: bytes, package: Package) -> Any | None:
    """The python-docx Document, once every part passed the checks; None when python-docx cannot
    open a package that is otherwise readable (a relationship to a part that is not there)."""
    check_parts(package, package.names())
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - python-docx's errors on a package it cannot make sense of
        return None


def styles_of(document: Any) -> Styles:
    from docx.enum.style import WD_STYLE_TYPE

    names = {style.style_id: style.name or style.style_id for style in document.styles}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    return Styles(names=names, default_paragraph=default.name if default is not None else "")


def read_body_of(document: Any, source: str) -> Body:
    """The body, text boxes and layout tables unpacked."""
    return walk_body(document.element.body, styles_of(document), source, unpack=True)


def furniture_findings(document: Any, findings: list[Finding]) -> None:
    """Text in headers and footers other than a page number: no part of the report, reported."""
    seen: set[int] = set()
    for number, section in enumerate(document.sections, start=1):
        for kind in (
            "header",
            "footer",
            "first_page_header",
            "first_page_footer",
            "even_page_header",
            "even_page_footer",
        ):
            part = getattr(section, kind)
            if part.is_linked_to_previous or id(part.part) in seen:
                continue
            seen.add(id(part.part))
            text = "\n".join(paragraph.text for paragraph in part.paragraphs).strip()
            if text and not _PAGE_NUMBER.fullmatch(text):
                findings.append(
                    finding(
                        "import.text_unplaced",
                        f"页眉或页脚中的文字“{text}”不属于报告正文，没有导入",
                        Location(source=f"section {number}, {kind.replace('_', ' ')}"),
                        found=text,
                    )
                )
