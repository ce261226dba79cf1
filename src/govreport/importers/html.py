"""The ``html`` importer: reports as government sites publish them, saved from the browser.

The page is parsed with lxml's HTML parser (which mends broken markup as browsers do). The
report's article is found inside the site's chrome (navigation, banners, share buttons, related
links, footers) as the smallest element holding every section heading and table of the report;
the title, often in a heading above the article, is taken from there, or from ``<title>``. What
the article holds becomes lines and grids (:mod:`~govreport.importers.html_blocks`); the reading
layer does the rest. The chrome is left out, with one finding that says how much.
"""

from __future__ import annotations

from typing import Any

from govreport.findings import Finding, Location
from govreport.formats import Imported, Importer
from govreport.hookspecs import hookimpl
from govreport.reading.catalog import finding

_HTML_STARTS = (b"<!doctype html", b"<html", b"<?xml", b"<head", b"<meta", b"<body")
_TITLE_CHARS = 80


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(_HTML_STARTS) or (head.startswith(b"<!--") and b"<html" in data[:4096].lower())


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def _anchors(root: Any) -> list[Any]:
    """Elements that hold a section heading of the report, and the tables that are its tables."""
    from govreport.importers.html_blocks import IGNORED, grid_of, hidden, nested_tables
    from govreport.reading.grid_tables import MIN_SCORE, score
    from govreport.reading.layout import section_of
    from govreport.spec import TABLES

    anchors: list[Any] = []
    for element in root.iter():
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if not tag or tag in IGNORED or hidden(element):
            continue
        if tag == "table" and not nested_tables(element):
            grid = grid_of(element, 0)
            if any(score(spec, grid) >= MIN_SCORE for spec in TABLES):
                anchors.append(element)
            continue
        own = " ".join((element.text or "").split())
        if own and section_of(own, -1) is not None:
            anchors.append(element)
    return anchors


def _common_ancestor(elements: list[Any]) -> Any:
    paths = []
    for element in elements:
        path = []
        while element is not None:
            path.append(element)
            element = element.getparent()
        paths.append(path[::-1])
    common = None
    for level in zip(*paths, strict=False):
        if all(node is level[0] for node in level):
            common = level[0]
        else:
            break
    return common


def _title_before(root: Any, article: Any) -> str | None:
    """The report's title in a heading above the article, or the page's ``<title>``."""
    from govreport.reading.metadata import title_suffix

    best: str | None = None
    for element in root.iter():
        if element is article:
            break
        if not isinstance(element.tag, str) or element.tag.lower() in ("script", "style", "title", "head"):
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
    anchors = _anchors(root)
    body = root.find("body")
    article = _common_ancestor(anchors) if anchors else (body if body is not None else root)
    blocks = blocks_of([article])
    first_lines = [block.stripped for block in blocks[:4] if isinstance(block, TextLine)]
    if not any(is_title_line(line) and title_suffix(line) for line in first_lines):
        title = _title_before(root, article)
        if title:
            blocks.insert(0, TextLine(text=title, origin=Origin(element="the page's title")))
    page_chars = len(_text(body if body is not None else root))
    article_chars = len(_text(article))
    if page_chars - article_chars > 0 and article is not body:
        findings.append(
            finding(
                "import.page_furniture",
                f"网页中报告正文以外的{page_chars - article_chars}个字符（导航、页头页脚、分享和相关链接等）"
                "不属于报告，没有导入",
                Location(source=article.getroottree().getpath(article)),
            )
        )
    return assemble(Document(blocks=tuple(blocks), findings=tuple(findings), kind="html"))


HTML = Importer(
    name="html",
    description="A report as a government site publishes it: a saved web page (.html), its article and tables",
    extensions=(".html", ".htm", ".xhtml", ".shtml"),
    read=read_html,
    detect=looks_like_html,
)


@hookimpl
def register_importers() -> list[Importer]:
    return [HTML]
