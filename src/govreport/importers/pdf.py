"""The ``pdf`` importer: reports as published in PDF (made by WPS, Word, or a government CMS).

An engine (:mod:`~govreport.importers.pdf_engine`: pypdfium2 by default, or pdfplumber) gives the
characters and ruling lines of each page (:func:`extract_pages`); :mod:`~govreport.importers.pdf_pages`
makes lines and table grids of them and :mod:`~govreport.importers.pdf_document` paragraphs, joined
tables and no page furniture; the reading layer does the rest (:func:`read_pages`). The engine is
imported on the first PDF, not with this module.

A PDF with no text layer (a scan) is refused with an error that says so: reading it would need
OCR, and a number read by OCR is a guess. So are encrypted and broken files.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from govreport.findings import Finding, Location
from govreport.formats import Imported, Importer
from govreport.hookspecs import hookimpl
from govreport.importers.pdf_engine import PageContent, PdfEngine, PdfReadError
from govreport.reading.catalog import finding

#: The most pages read: a report has 5 to 30; each page costs pdfplumber some 65 ms, pdfium some 11 ms.
MAX_PDF_PAGES = 300
#: The most characters a PDF may hold (as many as a text file, MAX_TEXT_BYTES).
MAX_PDF_CHARS = 4 * 1024 * 1024


#: The environment variable that chooses the engine.
ENGINE_VARIABLE = "GOVREPORT_PDF_ENGINE"
#: The engine used when none is chosen.
DEFAULT_ENGINE = "pdfium"
ENGINE_NAMES = ("pdfplumber", "pdfium")


def engine_named(name: str | None = None) -> PdfEngine:
    """The engine called ``name``, or the one ``GOVREPORT_PDF_ENGINE`` names, or the default."""
    chosen = name or os.environ.get(ENGINE_VARIABLE) or DEFAULT_ENGINE
    if chosen == "pdfplumber":
        from govreport.importers.pdf_plumber import PDFPLUMBER

        return PDFPLUMBER
    if chosen == "pdfium":
        from govreport.importers.pdf_pdfium import PDFIUM

        return PDFIUM
    source = "" if name else f" ({ENGINE_VARIABLE})"
    raise PdfReadError(f"no PDF engine called {chosen!r}{source}; there are {', '.join(ENGINE_NAMES)}")


def read_pdf(data: bytes, *, source: str | None = None, engine: str | None = None) -> Imported:
    """Read a PDF with the engine called ``engine`` (or the one GOVREPORT_PDF_ENGINE names, or the default)."""
    return read_pages(extract_pages(data, source=source, engine=engine), source=source)


def extract_pages(data: bytes, *, source: str | None = None, engine: str | None = None) -> list[PageContent]:
    """The engine's part: every page's characters and rules (within MAX_PDF_PAGES and MAX_PDF_CHARS)."""
    where = f"{source}: " if source else ""
    pdf = engine_named(engine).open(data, where)
    try:
        if pdf.page_count > MAX_PDF_PAGES:
            raise PdfReadError(
                f"{where}{pdf.page_count:,} pages, more than the {MAX_PDF_PAGES} a report can have "
                "(MAX_PDF_PAGES); is this a report?"
            )
        contents: list[PageContent] = []
        chars = 0
        for index in range(pdf.page_count):
            contents.append(pdf.page(index))
            chars += len(contents[-1].chars)
            if chars > MAX_PDF_CHARS:
                raise PdfReadError(
                    f"{where}more than {MAX_PDF_CHARS:,} characters of text (MAX_PDF_CHARS); is this a report?"
                )
    finally:
        pdf.close()
    return contents


def read_pages(contents: Sequence[PageContent], *, source: str | None = None) -> Imported:
    """Our part: the pages' characters and rules as lines and tables, then the reading layer's report."""
    from govreport.importers.pdf_document import Page, document_of
    from govreport.importers.pdf_pages import PageTable, read_page
    from govreport.reading.assemble import assemble

    where = f"{source}: " if source else ""
    findings: list[Finding] = []
    pages: list[Page] = []
    tables = 1
    for number, content in enumerate(contents, start=1):
        items = read_page(content, number, tables)
        tables += sum(1 for item in items if isinstance(item, PageTable))
        if not items and content.images:
            findings.append(
                finding(
                    "import.page_scanned",
                    f"第{number}页没有文字层（是扫描的图片），其内容无法读取",
                    Location(source=f"page {number}"),
                )
            )
        pages.append(Page(number=number, height=content.height, items=tuple(items)))
    if not any(page.items for page in pages):
        raise PdfReadError(
            f"{where}a PDF without a text layer (a scanned document?): its pages are pictures, so there is no text "
            "to read; a number read from a picture by OCR would be a guess"
        )
    return assemble(document_of(pages, findings))


def looks_like_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


PDF = Importer(
    name="pdf",
    description="A report as published in PDF (with a text layer): tables by their ruling lines",
    extensions=(".pdf",),
    read=read_pdf,
    detect=looks_like_pdf,
)


@hookimpl
def register_importers() -> list[Importer]:
    return [PDF]
