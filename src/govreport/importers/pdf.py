"""The ``pdf`` importer: reports as published in PDF (made by WPS, Word, or a government CMS).

pdfplumber (MIT; on pdfminer.six) gives the characters, ruling lines and table cells of each
page; :mod:`~govreport.importers.pdf_pages` makes lines and grids of them and
:mod:`~govreport.importers.pdf_document` paragraphs, joined tables and no page furniture; the
reading layer does the rest. pdfplumber is imported on the first PDF, not with this module.

A PDF with no text layer (a scan) is refused with an error that says so: reading it would need
OCR, and a number read by OCR is a guess. So are encrypted and broken files.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator
from typing import Any

from govreport.errors import GovReportError
from govreport.findings import Finding, Location
from govreport.formats import Imported, Importer
from govreport.hookspecs import hookimpl
from govreport.reading.catalog import finding

#: The most pages read: a report has 5 to 30; each page costs pdfplumber some 50 ms.
MAX_PDF_PAGES = 300
#: The most characters a PDF may hold (as many as a text file, MAX_TEXT_BYTES).
MAX_PDF_CHARS = 4 * 1024 * 1024


class PdfReadError(GovReportError, ValueError):
    """A PDF that cannot be read as a report: broken, encrypted, too large, or without text."""


def _open(data: bytes, where: str) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pdf.pages  # noqa: B018 - reading the page tree is what fails on a broken file
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds of errors on a broken file
        # pdfplumber wraps pdfminer's errors in its own: the password one is the cause.
        cause = exc.__cause__ or exc.__context__ or (exc.args[0] if exc.args else None)
        if isinstance(exc, (PDFPasswordIncorrect, PDFEncryptionError)) or isinstance(
            cause, (PDFPasswordIncorrect, PDFEncryptionError)
        ):
            raise PdfReadError(
                f"{where}an encrypted PDF that needs a password; save it without one and try again"
            ) from None
        detail = str(exc) or (type(cause).__name__ if cause is not None else "no detail")
        raise PdfReadError(f"{where}not a readable PDF ({type(exc).__name__}: {detail})") from None
    return pdf


@contextlib.contextmanager
def _pdfminer_quiet() -> Iterator[None]:
    """pdfminer's warnings about fonts ("Could not get FontBBox") while reading, not on the user's screen.

    They say nothing about the report; what matters is reported as findings. The level is put back after.
    """
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def read_pdf(data: bytes, *, source: str | None = None) -> Imported:
    with _pdfminer_quiet():
        return _read_pdf(data, source)


def _read_pdf(data: bytes, source: str | None) -> Imported:
    from govreport.importers.pdf_document import Page, document_of
    from govreport.importers.pdf_pages import PageTable, read_page
    from govreport.reading.assemble import assemble

    where = f"{source}: " if source else ""
    pdf = _open(data, where)
    findings: list[Finding] = []
    try:
        if len(pdf.pages) > MAX_PDF_PAGES:
            raise PdfReadError(
                f"{where}{len(pdf.pages):,} pages, more than the {MAX_PDF_PAGES} a report can have (MAX_PDF_PAGES); "
                "is this a report?"
            )
        pages: list[Page] = []
        chars = 0
        tables = 1
        for number, page in enumerate(pdf.pages, start=1):
            try:
                items = read_page(page, number, tables)
                chars += len(page.chars)
                images = len(page.images)
            except Exception as exc:  # noqa: BLE001 - a broken page stream, in pdfminer's own words
                raise PdfReadError(f"{where}page {number} cannot be read ({type(exc).__name__}: {exc})") from None
            finally:
                page.close()
            if chars > MAX_PDF_CHARS:
                raise PdfReadError(
                    f"{where}more than {MAX_PDF_CHARS:,} characters of text (MAX_PDF_CHARS); is this a report?"
                )
            tables += sum(1 for item in items if isinstance(item, PageTable))
            if not items and images:
                findings.append(
                    finding(
                        "import.page_scanned",
                        f"第{number}页没有文字层（是扫描的图片），其内容无法读取",
                        Location(source=f"page {number}"),
                    )
                )
            pages.append(Page(number=number, height=float(page.height), items=tuple(items)))
    finally:
        pdf.close()
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
