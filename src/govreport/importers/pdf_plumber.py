"""The pdfplumber engine (MIT; on pdfminer.six, pure Python): characters and ruling lines of each page."""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator
from typing import Any

from govreport.importers.pdf_engine import Char, PageContent, PdfEngine, PdfReadError, Rule
from govreport.reading.chinese import fold_radicals

_WHITE = ((1, 1, 1), (1.0, 1.0, 1.0), [1, 1, 1], 1, 1.0, (1,), [1])
#: A filled box thinner than this (points) is a rule drawn as a bar; a wider one is a background.
THIN = 2.5


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


def _keep(obj: dict[str, Any]) -> bool:
    """Everything but filled boxes that are not thin enough to be rules (text backgrounds)."""
    if obj.get("object_type") != "rect":
        return True
    if obj.get("stroke"):
        return True
    thin = min(obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]) < THIN
    return thin and obj.get("non_stroking_color") not in _WHITE


def chars_of(raw: Any) -> tuple[Char, ...]:
    chars = []
    for c in raw:
        text = c.get("text", "")
        if not text or text.isspace():
            continue
        chars.append(
            Char(
                text=fold_radicals(text),
                x0=c["x0"],
                x1=c["x1"],
                top=c["top"],
                bottom=c["bottom"],
                size=c["size"] or 1.0,
            )
        )
    return tuple(chars)


def rules_of(page: Any) -> tuple[Rule, ...]:
    return tuple(
        Rule(x0=e["x0"], x1=e["x1"], top=e["top"], bottom=e["bottom"], vertical=e["orientation"] == "v")
        for e in page.filter(_keep).edges
        if e.get("orientation") in ("v", "h")
    )


class _PlumberPdf:
    def __init__(self, pdf: Any, where: str) -> None:
        self._pdf = pdf
        self._where = where

    @property
    def page_count(self) -> int:
        return len(self._pdf.pages)

    def page(self, index: int) -> PageContent:
        page = self._pdf.pages[index]
        try:
            with _pdfminer_quiet():
                return PageContent(
                    chars=chars_of(page.chars), rules=rules_of(page), height=float(page.height), images=len(page.images)
                )
        except Exception as exc:  # noqa: BLE001 - a broken page stream, in pdfminer's own words
            raise PdfReadError(f"{self._where}page {index + 1} cannot be read ({type(exc).__name__}: {exc})") from None
        finally:
            page.close()

    def close(self) -> None:
        self._pdf.close()


def open_pdf(data: bytes, where: str) -> _PlumberPdf:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with _pdfminer_quiet():
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
    return _PlumberPdf(pdf, where)


PDFPLUMBER = PdfEngine(name="pdfplumber", open=open_pdf)
