"""The ``html`` importer: reports as government sites publish them, saved from the browser.

The page is parsed with lxml's HTML parser (which mends broken markup as browsers do). The
report's article is found inside the site's chrome (navigation, banners, share buttons, related
links, footers) as the smallest element holding every section heading and table of the report
(headings in links and hidden elements are the chrome's, and a heading repeated outside does not
widen it);
the title, often in a heading above the article, is taken from there, or from ``<title>``. What
the article holds becomes lines and grids (:mod:`~govreport.importers.html_blocks`); the reading
layer does the rest. The chrome is left out, with one finding that says how much.
"""

from __future__ import annotations

import re
from typing import Any

from govreport.findings import Finding, Location
from govreport.formats import Imported, Importer
from govreport.hookspecs import hookimpl
from govreport.reading.catalog import finding

#: How a page (a doctype, <html>, <head> …) or a fragment of one (our export's <article>, the
#: article a site's editor holds: <div>, <p>, <table> …) starts, after a BOM, spaces or comments.
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|\?xml|(?:html|head|meta|body|title|style|script|link|article|section|main|header|div|p"
    r"|table|h[1-6]|center|span|font)(?=[\s>/]))"
)
_TITLE_CHARS = 80
#: Words every report's page holds (its title, the heading of section 三), as the text importer asks.
_REPORT_WORDS = "政府信息公开"
_UTF16 = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _as_text(data: bytes) -> list[str]:
    """The bytes as text in each encoding a page may be in (UTF-16 by its byte-order mark; else
    UTF-8 and GB18030), bytes that are not characters left out."""
    for bom, encoding in _UTF16:
        if data.startswith(bom):
            return [data[len(bom) :].decode(encoding, errors="ignore")]
    return [data.decode(encoding, errors="ignore") for encoding in ("utf-8", "gb18030")]


def looks_like_html(data: bytes) -> bool:
    """Markup: the page starts with a doctype, ``<html>``, ``<head>`` …, or is a fragment of a page
    (``<article>``, ``<div>``, ``<table>`` …), after a byte-order mark, whitespace or comments."""
    head = _as_text(data[:4096])[0].lstrip("\ufeff \t\r\n").lower()
    while head.startswith("<!--") and "-->" in head:
        head = head[head.index("-->") + 3 :].lstrip()
    return _HTML_START.match(head) is not None or (head.startswith("<!--") and "<html" in head)


def looks_like_report_page(data: bytes) -> bool:
    """A web page that names the report (政府信息公开): a page that is no report (a site's news, a
    saved search) is not taken for one, and ``govreport.read`` says so instead of an empty report."""
    return looks_like_html(data) and any(_REPORT_WORDS in text for text in _as_text(data))


def _chars_outside(page: Any, article: Any) -> int:
    """How many characters (not counting spaces) a reader sees on the page outside the article:
    not its scripts, styles or hidden elements. One walk over the page's text, no tables built."""
    from govreport.importers.html_blocks import IGNORED, hidden

    def length(text: str | None) -> int:
        return len("".join(text.split())) if text else 0

    total = 0
    stack = [page]
    while stack:
        element = stack.pop()
        if element is not page:
            total += length(element.tail)  # its parent is shown, and so is the text after it
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if element is article or not tag or tag in IGNORED or hidden(element):
            continue
        total += length(element.text)
        stack.extend(element)
    return total


def _anchors(root: Any, grids: dict[Any, Any]) -> list[tuple[Any, tuple[str, int]]]:
    """Elements that hold a section heading of the report, and the tables that are its tables, each
    with what it stands for (the section's index, or the table). Hidden elements and all they hold
    are left out, and so are headings inside a link (``<a href>``: a site's related links or
    navigation naming a section), which are no part of the report."""
    from govreport.importers.html_blocks import IGNORED, grid_of, hidden, nested_tables
    from govreport.reading.grid_tables import MIN_SCORE, score
    from govreport.reading.layout import section_of
    from govreport.spec import TABLES

    anchors: list[tuple[Any, tuple[str, int]]] = []
    stack: list[tuple[Any, bool]] = [(root, False)]  # not recursive: a page may nest deeply
    while stack:
        element, in_link = stack.pop()
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if not tag or tag in IGNORED or hidden(element):
            continue
        in_link = in_link or (tag == "a" and element.get("href") is not None)
        if tag == "table" and not nested_tables(element):
            grid = grids[element] = grid_of(element, 0)
            if any(score(spec, grid) >= MIN_SCORE for spec in TABLES):
                anchors.append((element, ("table", len(anchors))))
        else:
            own = " ".join((element.text or "").split())
            index = section_of(own, -1) if own and not in_link else None
            if index is not None:
                anchors.append((element, ("section", index)))
        stack.extend((child, in_link) for child in reversed(element))
    return anchors


def _article(anchors: list[tuple[Any, tuple[str, int]]]) -> Any:
    """The smallest element holding the most of the report's sections and tables (all of them, as a
    rule). A line that reads as a heading elsewhere on the page (a banner, a box beside the
    article) repeats a section the article holds already, so it does not widen the article."""
    holds: dict[int, set[tuple[str, int]]] = {}
    elements: dict[int, Any] = {}
    depth: dict[int, int] = {}
    for anchor, what in anchors:
        path = [*reversed(list(anchor.iterancestors())), anchor]
        for level, element in enumerate(path):
            holds.setdefault(id(element), set()).add(what)
            elements[id(element)] = element
            depth[id(element)] = level
    most = max(len(held) for held in holds.values())
    best = max((key for key, held in holds.items() if len(held) == most), key=lambda key: depth[key])
    return elements[best]


def _title_before(root: Any, article: Any) -> str | None:
    """The report's title in a heading above the article, or the page's ``<title>``."""
    from govreport.reading.metadata import title_suffix

    best: str | None = None
    # The article's ancestors hold the whole page: their text is never a title, and reading it for
    # each of them is most of the time this takes.
    around = set(article.iterancestors())  # the elements themselves: a proxy's id() may be reused
    for element in root.iter():
        if element is article:
            break
        if element in around or not isinstance(element.tag, str):
            continue
        if element.tag.lower() in ("script", "style", "title", "head"):
            continue
        own = " ".join("".join(element.itertext()).split())
        if len(own) <= _TITLE_CHARS and title_suffix(own) is not None:
            best = own  # the last one before the article: the nearest
    if best is not None:
        return best
    title = root.find(".//title")
    if title is not None and title.text:
        for piece in title.text.replace("_", "|").replace(" - ", "|").replace("－", "|").split("|"):
            if title_suffix(piece) is not None:
                return " ".join(piece.split())
    return None


def read_html(data: bytes, *, source: str | None = None) -> Imported:
    import lxml.html

    from govreport.importers.html_blocks import blocks_of
    from govreport.importers.html_decode import HtmlReadError, decode_page
    from govreport.reading.assemble import assemble
    from govreport.reading.document import Document, Origin, TextLine
    from govreport.reading.layout import is_title_line
    from govreport.reading.metadata import title_suffix

    where = f"{source}: " if source else ""
    text, replaced = decode_page(data, where)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except Exception as exc:  # noqa: BLE001 - lxml's errors on a page with no element at all
        raise HtmlReadError(f"{where}not a readable web page ({exc})") from None
    findings: list[Finding] = []
    if replaced:
        findings.append(
            finding(
                "import.bytes_unreadable",
                f"网页中有{replaced}个字节不是声明的编码中的字符，已替换为“\ufffd”",
                Location(source="page"),
            )
        )
    grids: dict[Any, Any] = {}  # each table is read once, for the article's search and for the report
    anchors = _anchors(root, grids)
    body = root.find("body")
    article = _article(anchors) if anchors else (body if body is not None else root)
    blocks = blocks_of([article], grids)
    first_lines = [block.stripped for block in blocks[:4] if isinstance(block, TextLine)]
    if not any(is_title_line(line) and title_suffix(line) for line in first_lines):
        title = _title_before(root, article)
        if title:
            blocks.insert(0, TextLine(text=title, origin=Origin(element="the page's title")))
    page = body if body is not None else root
    left_out = _chars_outside(page, article) if article is not page else 0
    if left_out > 0:
        findings.append(
            finding(
                "import.page_furniture",
                f"网页中报告正文以外的{left_out}个字符（导航、页头页脚、分享和相关链接等）不属于报告，没有导入",
                Location(source=article.getroottree().getpath(article)),
            )
        )
    return assemble(Document(blocks=tuple(blocks), findings=tuple(findings), kind="html"))


HTML = Importer(
    name="html",
    description="A report as a government site publishes it: a saved web page (.html), its article and tables",
    extensions=(".html", ".htm", ".xhtml", ".shtml"),
    read=read_html,
    detect=looks_like_report_page,
)


@hookimpl
def register_importers() -> list[Importer]:
    return [HTML]
