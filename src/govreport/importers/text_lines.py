"""A report's text as a reading document: its lines, without page marks and conversion debris.

Lines are numbered as an editor counts them: a form feed (``pdftotext`` ends each page with one)
starts a new page, not a new line. Everything removed is reported as a finding, so nothing
disappears silently.
"""

from __future__ import annotations

import re

from govreport.findings import Finding, Location
from govreport.reading.catalog import finding
from govreport.reading.document import Document, Origin, TextLine

# Word's bookmark debris as text converters leave it: "[bookmark: _GoBack]". No "[" inside, so that
# a line of unclosed "[bookmark:" is scanned once, not once for each of them.
_DEBRIS = re.compile(r"\[bookmark:[^\]\[]*\]")
# Page numbers as printed in official documents or by pdftotext: "- 4 -", "— 3 —", "－12－", "第 3 页".
_PAGE_MARK = re.compile(r"[-—－–]{1,2}\s*\d{1,4}\s*[-—－–]{1,2}|第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?")


# Markdown, as extractors write web pages and PDFs: headings, emphasis, links, images, escapes.
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_EMPHASIS = re.compile(r"\*\*|__")
_MD_IMAGE = re.compile(r"!\[[^\]\[]*\]\([^()\s]*\)")
_MD_LINK = re.compile(r"\[([^\]\[]*)\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


def looks_like_markdown(text: str) -> bool:
    """Markdown: a table's rule line (|---|), or headings and emphasis as markdown writes them."""
    lines = text.split("\n", 2000)[:2000]
    rules = sum(1 for line in lines if _MD_RULE.match(line) and "|" in line)
    marks = sum(1 for line in lines if _MD_HEADING.match(line) or line.count("**") >= 2)
    return rules > 0 or marks >= 3


def plain_markdown(line: str) -> str:
    """A markdown line as the text it shows (a table's cells and their | stay)."""
    line = _MD_HEADING.sub("", line)
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_EMPHASIS.sub("", line)
    return _MD_ESCAPE.sub(r"\1", line)


def _origin(line: int, page: int, paged: bool) -> Origin:
    return Origin(page=page if paged else None, line=line)


def parse_text(text: str) -> Document:
    """The text's lines, debris and page marks removed (each with a finding)."""
    findings: list[Finding] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paged = "\x0c" in text
    markdown = looks_like_markdown(text)
    page = 1
    lines: list[TextLine] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        pieces = raw.split("\x0c")
        for k, piece in enumerate(pieces):
            if k:
                page += 1
                if not piece:
                    continue
            origin = _origin(number, page, paged)
            for match in _DEBRIS.finditer(piece):
                findings.append(
                    finding(
                        "import.debris",
                        f"删除了文档转换残留文字“{match.group(0)}”",
                        Location(source=origin.source),
                        found=match.group(0),
                    )
                )
            cleaned = _DEBRIS.sub("", piece)
            if markdown:
                cleaned = plain_markdown(cleaned)
            if _PAGE_MARK.fullmatch(cleaned.strip()):
                findings.append(
                    finding(
                        "import.page_mark",
                        f"删除了页码“{cleaned.strip()}”",
                        Location(source=origin.source),
                        found=cleaned.strip(),
                    )
                )
                continue
            lines.append(TextLine(text=cleaned.rstrip(), origin=origin))
    return Document(blocks=tuple(lines), findings=tuple(findings), wrapped=True, kind="text")
