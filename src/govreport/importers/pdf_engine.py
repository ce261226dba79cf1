"""What a PDF engine gives the pdf importer: per page, its characters with their boxes and sizes,
its ruling lines, its height and how many pictures it holds.

Two engines stand behind this interface, pdfplumber (on pdfminer.six) and pypdfium2 (Google's
PDFium); :mod:`~govreport.importers.pdf_pages` reads only what is here, so the reading layer sees
the same thing whichever engine read the file. :mod:`govreport.importers.pdf` chooses the engine
(``GOVREPORT_PDF_ENGINE``, or the default); docs/performance.md says why the default is the one it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import attrs

from govreport.errors import GovReportError


class PdfReadError(GovReportError, ValueError):
    """A PDF that cannot be read as a report: broken, encrypted, too large, or without text."""


@attrs.frozen(kw_only=True)
class Char:
    """A character on a page (top-down coordinates in points, as pdfplumber gives them)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@attrs.frozen(kw_only=True)
class Rule:
    """A straight horizontal or vertical stroke on a page: a table's ruling line or a box's side."""

    x0: float
    x1: float
    top: float
    bottom: float
    vertical: bool


@attrs.frozen(kw_only=True)
class PageContent:
    chars: tuple[Char, ...]
    #: The ruling lines, without the sides of filled boxes behind text (they would make every
    #: paragraph a table).
    rules: tuple[Rule, ...]
    height: float
    images: int


class OpenedPdf(Protocol):
    """An open PDF: its pages read one at a time (a page's content is dropped once read)."""

    @property
    def page_count(self) -> int: ...

    def page(self, index: int) -> PageContent:
        """The content of page ``index`` (from 0); raises PdfReadError naming the page if it is broken."""
        ...

    def close(self) -> None: ...


@attrs.frozen(kw_only=True)
class PdfEngine:
    name: str
    #: Opens the bytes of a PDF; ``where`` ("file.pdf: " or "") begins every error message.
    open: Callable[[bytes, str], OpenedPdf]
