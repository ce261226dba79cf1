"""The pdfium engine (pypdfium2: BSD-3-Clause / Apache-2.0; PDFium, compiled): characters and
ruling lines of each page, in pdfplumber's coordinates (points, from the top of the media box).

A character's box is made as pdfminer makes it: as high as the font size times the character's
matrix, standing on the font's descent under the baseline, as wide as PDFium's box for it (its
advance). Characters PDFium makes up (the spaces and line breaks it infers) are left out. Rules are
the straight horizontal and vertical segments of the page's path objects (those in form XObjects
too, with the form's matrix), except filled boxes wider than a rule or white, which stand behind
text. PDFium's text API does not turn a rotated page upright as pdfminer does: a file with a rotated
page is handed to the pdfplumber engine.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import threading
from collections.abc import Iterator
from typing import Any

from govreport.importers.pdf_engine import Char, OpenedPdf, PageContent, PdfEngine, PdfReadError, Rule
from govreport.importers.pdf_plumber import THIN
from govreport.reading.chinese import fold_radicals

#: Two ends of a segment this close (points) lie on one horizontal (vertical) line.
STRAIGHT = 1e-3
Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# PDFium is not thread-safe; a process reads one document at a time.
_LOCK = threading.Lock()


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF's row-vector convention)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _matrix_of(raw: Any, obj: Any) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _objects(raw: Any, page: Any) -> Iterator[tuple[Any, Matrix]]:
    """Every page object with the matrix of the forms around it (its own matrix not included)."""
    stack: list[tuple[Any, bool, Matrix]] = [(page, True, _IDENTITY)]
    while stack:
        holder, is_page, outer = stack.pop()
        count = raw.FPDFPage_CountObjects(holder) if is_page else raw.FPDFFormObj_CountObjects(holder)
        for k in range(count):
            obj = raw.FPDFPage_GetObject(holder, k) if is_page else raw.FPDFFormObj_GetObject(holder, k)
            if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_FORM:
                stack.append((obj, False, _times(_matrix_of(raw, obj), outer)))
            else:
                yield obj, outer


def _is_background(raw: Any, obj: Any, run: list[tuple[float, float]]) -> bool:
    """A filled box (axis-aligned) wider than a rule, or white: it stands behind text."""
    if len({round(x, 2) for x, _ in run}) > 2 or len({round(y, 2) for _, y in run}) > 2:
        return False
    xs = [x for x, _ in run]
    ys = [y for _, y in run]
    if min(max(xs) - min(xs), max(ys) - min(ys)) >= THIN:
        return True
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    raw.FPDFPageObj_GetFillColor(obj, *(ctypes.byref(v) for v in (r, g, b, a)))
    return (r.value, g.value, b.value) == (255, 255, 255)


def _path_rules(raw: Any, obj: Any, outer: Matrix, left_of_page: float, top_of_page: float) -> list[Rule]:
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
    if not fill.value and not stroke.value:
        return []  # a clipping path or an invisible one
    a, b, c, d, e, f = _times(_matrix_of(raw, obj), outer)
    # Each subpath as its points in page space (a closed one back to its start), curves breaking it.
    runs: list[list[tuple[float, float]]] = []
    start: tuple[float, float] | None = None
    x, y = ctypes.c_float(), ctypes.c_float()
    for k in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, k)
        raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = (a * x.value + c * y.value + e - left_of_page, b * x.value + d * y.value + f)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO or not runs:
            runs.append([point])
            start = point
        elif kind == raw.FPDF_SEGMENT_LINETO:
            runs[-1].append(point)
        else:  # a Bézier curve: no straight rule through it
            runs.append([point])
        if raw.FPDFPathSegment_GetClose(segment) and start is not None:
            runs[-1].append(start)
    # Each subpath is a shape of its own, as pdfminer paints them: a filled, unstroked box behind
    # text is no rule, whichever path it shares.
    background = bool(fill.value) and not stroke.value
    rules = []
    for run in runs:
        if background and _is_background(raw, obj, run):
            continue
        for (x0, y0), (x1, y1) in itertools.pairwise(run):
            vertical = abs(x0 - x1) < STRAIGHT
            flat = abs(y0 - y1) < STRAIGHT
            if vertical == flat:
                continue  # a slanted line rules no table; a point (a path closed where it ended) is none
            rules.append(
                Rule(
                    x0=min(x0, x1),
                    x1=max(x0, x1),
                    top=top_of_page - max(y0, y1),
                    bottom=top_of_page - min(y0, y1),
                    vertical=vertical,
                )
            )
    return rules


def _chars(raw: Any, text_page: Any, left_of_page: float, top_of_page: float) -> list[Char]:
    chars = []
    box = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    descent = ctypes.c_float()
    for k in range(raw.FPDFText_CountChars(text_page)):
        if raw.FPDFText_IsGenerated(text_page, k) == 1:
            continue
        code = raw.FPDFText_GetUnicode(text_page, k)
        if not code or code in (0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
            continue  # no text for the glyph (or half of a pair PDFium does not join)
        text = chr(code)
        if text.isspace() or not raw.FPDFText_GetLooseCharBox(text_page, k, ctypes.byref(box)):
            continue
        # The size as pdfminer has it (the font size scaled by the character's matrix), and the box
        # as pdfminer makes it: that high from the font's descent under the baseline. PDFium's own
        # box (the loose one) is taken for the advance only: its height follows the glyph in some
        # fonts (Chromium's), and is left unscaled by the text matrix in others (WPS's).
        font_size = raw.FPDFText_GetFontSize(text_page, k)
        scale = math.hypot(matrix.c, matrix.d) if raw.FPDFText_GetMatrix(text_page, k, ctypes.byref(matrix)) else 1.0
        size = font_size * scale
        raw.FPDFText_GetCharOrigin(text_page, k, ctypes.byref(x), ctypes.byref(y))
        font = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(text_page, k))
        descent.value = 0.0
        if font:
            raw.FPDFFont_GetDescent(font, ctypes.c_float(font_size), ctypes.byref(descent))
        left, right = min(box.left, box.right), max(box.left, box.right)
        high, low = max(box.top, box.bottom), min(box.top, box.bottom)
        if size and abs((high - low) - size) > 0.5 * size and abs((high - low) - font_size) < 0.5 * font_size:
            left, right = x.value + (left - x.value) * scale, x.value + (right - x.value) * scale
        left, right = left - left_of_page, right - left_of_page
        bottom = top_of_page - (y.value + min(descent.value, 0.0) * scale)
        chars.append(
            Char(
                text=fold_radicals(text),
                x0=left,
                x1=right,
                top=bottom - size,
                bottom=bottom,
                size=size or 1.0,
            )
        )
    return chars


class _PdfiumPdf:
    def __init__(self, document: Any, where: str) -> None:
        self._document = document
        self._where = where

    @property
    def page_count(self) -> int:
        return len(self._document)

    def page(self, index: int) -> PageContent:
        raw = raw_module()
        with _LOCK:
            page = self._document[index]
            try:
                text_page = page.get_textpage()
                try:
                    left, bottom, _right, top = page.get_mediabox()
                    # pdfminer's coordinates: from the media box's left edge and from its top.
                    chars = _chars(raw, text_page.raw, left, top)
                finally:
                    text_page.close()
                rules: list[Rule] = []
                images = 0
                for obj, outer in _objects(raw, page.raw):
                    kind = raw.FPDFPageObj_GetType(obj)
                    if kind == raw.FPDF_PAGEOBJ_PATH:
                        rules.extend(_path_rules(raw, obj, outer, left, top))
                    elif kind == raw.FPDF_PAGEOBJ_IMAGE:
                        images += 1
            except Exception as exc:  # noqa: BLE001 - PDFium reports a broken page in its own words
                detail = f"{type(exc).__name__}: {exc}"
                raise PdfReadError(f"{self._where}page {index + 1} cannot be read ({detail})") from None
            finally:
                page.close()
        return PageContent(chars=tuple(chars), rules=tuple(rules), height=top - bottom, images=images)

    def close(self) -> None:
        with _LOCK:
            self._document.close()


def open_pdf(data: bytes, where: str) -> OpenedPdf:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    with _LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise PdfReadError(
                    f"{where}an encrypted PDF that needs a password; save it without one and try again"
                ) from None
            raise PdfReadError(f"{where}not a readable PDF (PdfiumError: {exc})") from None
        rotated = any(_rotation(raw_module(), document, k) for k in range(len(document)))
    if rotated:
        # pdfminer turns a rotated page upright; read such a file with pdfplumber, not half upright.
        with _LOCK:
            document.close()
        from govreport.importers.pdf_plumber import open_pdf as open_with_pdfplumber

        return open_with_pdfplumber(data, where)
    return _PdfiumPdf(document, where)


def raw_module() -> Any:
    import pypdfium2.raw as raw  # type: ignore[import-untyped]

    return raw


def _rotation(raw: Any, document: Any, index: int) -> int:
    page = raw.FPDF_LoadPage(document.raw, index)
    if not page:
        return 0  # a broken page: the error comes when it is read
    try:
        return int(raw.FPDFPage_GetRotation(page))
    finally:
        raw.FPDF_ClosePage(page)


PDFIUM = PdfEngine(name="pdfium", open=open_pdf)
